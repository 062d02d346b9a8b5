// What a document is, from its content (the first bytes' signature, via the file-type package),
// never from its name or the browser's Content-Type: a PNG called "letter.pdf" is a PNG, and a
// script called "letter.pdf" is refused. docs/decisions/0024. No server-only: unit-tested.
import { fileTypeFromBuffer } from "file-type";

/** The types an officer or a resident may upload: PDF, the two photo formats and HEIC/HEIF from phones. */
export const DOCUMENT_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/heic": "heic",
  "image/heif": "heif",
} as const;
export type TDocumentMediaType = keyof typeof DOCUMENT_TYPES;

export type TDetectedType = { mediaType: TDocumentMediaType; extension: (typeof DOCUMENT_TYPES)[TDocumentMediaType] };

/** The allowed type these bytes are, or null when they are none of them (whatever the file is called). */
export async function detectDocumentType(bytes: Uint8Array): Promise<TDetectedType | null> {
  if (bytes.length === 0) return null;
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !Object.hasOwn(DOCUMENT_TYPES, found.mime)) return null;
  const mediaType = found.mime as TDocumentMediaType;
  return { mediaType, extension: DOCUMENT_TYPES[mediaType] };
}
