// Outreach at scale (issue 20): 100,000 households uploaded (the request reads the header only),
// checked by the background job (outreach:check) and imported by the real background job, in
// chunks, with matching. Prints the time and the rate; asserts what was
// imported (not how fast: the machine is shared). `npm test -- integration tests/integration/outreach-bench.test.ts`
import { beforeAll, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/actor";
import { readImport, saveMapping, startImport, uploadOutreachFile } from "@/lib/outreach/imports";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { runDueJobs } from "@/lib/worker";
import { createCouncil } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

const ROWS = 100_000;
let council: TCouncil;
let manager: TStaffActor;

beforeAll(async () => {
  await createCouncil(testDb().owner, { slug: "out-bench", postcodeAreas: ["E8"], settings: { referencePrefix: "OBN" } });
  council = (await findCouncilBySlug("out-bench"))!;
  manager = (await caseActor(council, "MANAGER", "Bench Manager")) as TStaffActor;
  // One earlier applicant, who is also row 2 of the file.
  await applyFor(council, { ...FULL, "full-name": { fullName: "Person Number 0" }, "date-of-birth": { "dateOfBirth-day": "1", "dateOfBirth-month": "1", "dateOfBirth-year": "1950" }, contact: { email: "p0@example.com", mobile: "" } });
});

describe("importing 100,000 households", () => {
  it("uploads, checks and imports every row in the background", { timeout: 600_000 }, async () => {
    const lines = ["Name,Date of birth,Address line 1,Town,Postcode,Email,Mobile,Reason,Language"];
    const langs = ["en", "tr", "pl", "es", "fr", "bn", "yi"];
    for (let i = 0; i < ROWS; i++) {
      const dob = `${1 + (i % 28)}/${1 + (Math.floor(i / 28) % 12)}/${1950 + (Math.floor(i / 336) % 50)}`;
      lines.push(`Person Number ${i},${dob},${i} Long Street,London,E8 ${1 + (i % 9)}AB,p${i}@example.com,07700${String(900000 + (i % 99999)).padStart(6, "0")},Council tax arrears,${langs[i % 7]}`);
    }
    const bytes = new TextEncoder().encode(lines.join("\n"));
    let t = performance.now();
    const up = await uploadOutreachFile(manager, { name: "hundred-thousand.csv", bytes });
    if (up.outcome !== "uploaded") throw new Error(JSON.stringify(up));
    const uploadMs = performance.now() - t;
    t = performance.now();
    const queued = await saveMapping(manager, up.importId, { fullName: "Name", dateOfBirth: "Date of birth", line1: "Address line 1", town: "Town", postcode: "Postcode", email: "Email", mobile: "Mobile", reason: "Reason", language: "Language" });
    const mapMs = performance.now() - t;
    expect(queued).toEqual({ outcome: "checking" });
    // The check runs in the job (outreach:check), not in the request.
    t = performance.now();
    await runDueJobs();
    const checkMs = performance.now() - t;
    expect(await readImport(manager, up.importId)).toMatchObject({ status: "CHECKED", totalRows: ROWS, checkedRows: ROWS, validRows: ROWS, invalidRows: 0 });
    expect(await startImport(manager, up.importId)).toEqual({ outcome: "queued" });
    t = performance.now();
    await runDueJobs();
    const importMs = performance.now() - t;
    const page = await readImport(manager, up.importId);
    if ("outcome" in page) throw new Error(page.outcome);
    expect(page).toMatchObject({ status: "IMPORTED", importedRows: ROWS, knownRows: 0 });
    expect(page.matchedRows).toBeGreaterThanOrEqual(1);
    expect(await testDb().owner.outreachHousehold.count({ where: { importId: up.importId } })).toBe(ROWS);
    console.log(
      `[bench:outreach] ${ROWS.toLocaleString("en-GB")} rows (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB): upload request ${(uploadMs / 1000).toFixed(2)} s, "Check the rows" request ${(mapMs / 1000).toFixed(2)} s, check job ${(checkMs / 1000).toFixed(1)} s, import ${(importMs / 1000).toFixed(1)} s (${Math.round(ROWS / (importMs / 1000)).toLocaleString("en-GB")} rows/s, page says ${page.rowsPerSecond?.toLocaleString("en-GB")} rows/s), ${page.matchedRows} matched`,
    );
  });
});
