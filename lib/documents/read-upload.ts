// Reading a multipart/form-data upload in a route handler, with its own byte limit (files of up to
// MAX_DOCUMENT_BYTES each and a little for the form's fields), apart from the 1 MB limit of forms
// and server actions (lib/security/body-limit.ts). The body is read chunk by chunk and abandoned
// as soon as it passes the limit, so no more than the limit is ever held in memory.
import "server-only";
import { MAX_DOCUMENT_BYTES } from "@/lib/documents/save-document";

/** Room for the multipart boundaries, part headers and the form's text fields. */
export const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

export function uploadLimitBytes(maxFiles: number): number {
  return maxFiles * MAX_DOCUMENT_BYTES + UPLOAD_OVERHEAD_BYTES;
}

/** Reads a multipart request's files under one field with a byte limit, without buffering more than the limit. */
export async function readUploadedFiles(
  request: Request,
  field: string,
  /** maxBytes: another limit than maxFiles documents' (a council's CSV list, lib/outreach). */
  opts: { maxFiles: number; maxBytes?: number },
): Promise<{ ok: true; form: FormData; files: { name: string; bytes: Uint8Array }[] } | { ok: false; problem: "too-large" | "not-multipart" }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) return { ok: false, problem: "not-multipart" };
  const limit = opts.maxBytes !== undefined ? opts.maxBytes + UPLOAD_OVERHEAD_BYTES : uploadLimitBytes(opts.maxFiles);
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    await request.body?.cancel().catch(() => {});
    return { ok: false, problem: "too-large" };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return { ok: false, problem: "too-large" };
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return { ok: false, problem: "not-multipart" };
  }
  // A file input left empty sends a part with no file name and no bytes: not a file.
  const parts = form.getAll(field).filter((v): v is File => typeof v !== "string" && !(v.name === "" && v.size === 0));
  if (parts.length > opts.maxFiles) return { ok: false, problem: "too-large" };
  const files = await Promise.all(parts.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return { ok: true, form, files };
}
