// Where a document's bytes are kept, behind one interface: the metadata row (CaseDocument) names
// the storage and the generated key. Database (default): a row of CaseDocumentBlob, written in the
// caller's transaction, so the document and its bytes commit or roll back together and nothing
// needs installing. Filesystem (DOCUMENT_STORAGE=filesystem, DOCUMENT_DIR): a file per document
// under the council's folder; a rolled-back save can leave an orphan file (never listed, since its
// row is gone), never a row without a file. Object storage fits the same interface later
// (docs/decisions/0024): put before commit, get by key.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { TSql } from "@/lib/db/sql";
import { env } from "@/lib/env";

export type TStorageKind = "database" | "filesystem";
/** Everything a storage needs to find a document's bytes: the council, the document and its generated key. */
export type TStoredRef = { tenantId: string; documentId: string; storageKey: string };

export interface TDocumentStorage {
  readonly kind: TStorageKind;
  /** Keeps the bytes; runs inside the caller's transaction (after the CaseDocument row is inserted). */
  put(sql: TSql, ref: TStoredRef, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when they are missing. */
  get(sql: TSql, ref: TStoredRef): Promise<Uint8Array | null>;
}

const KEY = /^[0-9a-f-]{36}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const databaseStorage: TDocumentStorage = {
  kind: "database",
  async put(sql, ref, bytes) {
    await sql.db.insertInto("CaseDocumentBlob").values({ tenantId: ref.tenantId, documentId: ref.documentId, bytes: Buffer.from(bytes) }).execute();
  },
  async get(sql, ref) {
    const row = await sql.db.selectFrom("CaseDocumentBlob").select("bytes").where("documentId", "=", ref.documentId).executeTakeFirst();
    return row ? new Uint8Array(row.bytes) : null;
  },
};

/** Files under dir/<council id>/<generated key>: never a name the uploader chose. */
export function filesystemStorage(dir: string): TDocumentStorage {
  const fileOf = (ref: TStoredRef) => {
    if (!UUID.test(ref.tenantId) || !KEY.test(ref.storageKey)) throw new Error("filesystemStorage: malformed council id or key");
    return path.join(dir, ref.tenantId, ref.storageKey);
  };
  return {
    kind: "filesystem",
    async put(_sql, ref, bytes) {
      const file = fileOf(ref);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // wx: a key is written once; an existing file is a bug, not something to overwrite.
      await fs.writeFile(file, bytes, { flag: "wx", mode: 0o600 });
    },
    async get(_sql, ref) {
      try {
        return new Uint8Array(await fs.readFile(fileOf(ref)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

/** The storage new documents go to (DOCUMENT_STORAGE). */
export function currentStorage(): TDocumentStorage {
  const e = env();
  return e.DOCUMENT_STORAGE === "filesystem" ? filesystemStorage(e.DOCUMENT_DIR!) : databaseStorage;
}

/** The storage a stored document names (a council may have switched since it was uploaded). */
export function storageFor(kind: string): TDocumentStorage {
  if (kind === "database") return databaseStorage;
  if (kind === "filesystem") {
    const dir = env().DOCUMENT_DIR;
    if (!dir) throw new Error("A document is on the filesystem but DOCUMENT_DIR is not set");
    return filesystemStorage(dir);
  }
  throw new Error(`Unknown document storage ${kind}`);
}
