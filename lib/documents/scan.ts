// The virus-scan step. With CLAMSCAN_PATH set, each upload is written to a private temporary file
// and ClamAV's clamscan (or clamdscan, which takes the same arguments) is run on it: exit 0 clean,
// 1 infected, anything else (or a timeout) failed. Without it the document is held as NOT_SCANNED
// and the case page says "not scanned". docs/documents.md.
import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";

export type TScanState = "NOT_SCANNED" | "CLEAN" | "INFECTED" | "FAILED";
export type TScanResult = { state: TScanState; detail: string | null };

function run(file: string, args: string[], timeout: number): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim().slice(0, 500);
      if (!error) return resolve({ code: 0, output, timedOut: false });
      const e = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string | null };
      resolve({ code: typeof e.code === "number" ? e.code : null, output: output || e.message, timedOut: Boolean(e.killed && e.signal) });
    });
  });
}

/** Scans the bytes when a scanner is configured; never throws (a scanner that fails says FAILED). */
export async function scanBytes(bytes: Uint8Array): Promise<TScanResult> {
  const { CLAMSCAN_PATH: scanner, CLAMSCAN_TIMEOUT_MS: timeout } = env();
  if (!scanner) return { state: "NOT_SCANNED", detail: null };
  let dir: string | null = null;
  try {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "moneyhub-scan-"));
    const file = path.join(dir, "upload");
    await fs.writeFile(file, bytes, { mode: 0o600 });
    const result = await run(scanner, ["--no-summary", "--stdout", file], timeout);
    if (result.timedOut) return { state: "FAILED", detail: `The scan took longer than ${timeout} ms` };
    if (result.code === 0) return { state: "CLEAN", detail: null };
    // The scanner names the temporary file; the officer only needs what was found.
    const detail = result.output.replaceAll(file, "file").replace(/^file:\s*/, "") || null;
    if (result.code === 1) return { state: "INFECTED", detail };
    return { state: "FAILED", detail };
  } catch (error) {
    return { state: "FAILED", detail: (error as Error).message.slice(0, 500) };
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
