// Uploads have their own body limit, apart from the 1 MB of forms and server actions (issue 18):
// only the listed upload routes get it, and it covers the most files any of them reads.
import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, uploadLimitBytes } from "@/lib/documents";
import { MAX_OFFICER_FILES } from "@/lib/documents/officer-upload";
import { bodyLimitFor, bodyTooLarge, MAX_REQUEST_BODY_BYTES, UPLOAD_BODY_BYTES } from "@/lib/security/body-limit";

const CASE = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("bodyLimitFor", () => {
  it("gives the case page's upload route the upload limit, and everything else 1 MB", () => {
    expect(bodyLimitFor(`/hackwell/staff/cases/${CASE}/documents`)).toBe(UPLOAD_BODY_BYTES);
    for (const path of [`/hackwell/staff/cases/${CASE}`, `/hackwell/staff/cases/${CASE}/documents/${CASE}`, `/hackwell/staff/cases/${CASE}/documents/`, "/hackwell/apply", `/hackwell/staff/cases/x/documents`, "/api/v1/hackwell/referrals"])
      expect(bodyLimitFor(path)).toBe(MAX_REQUEST_BODY_BYTES);
  });

  it("lets through at the proxy what the officer's upload may read, and refuses more", () => {
    expect(UPLOAD_BODY_BYTES).toBeGreaterThanOrEqual(uploadLimitBytes(MAX_OFFICER_FILES));
    expect(MAX_DOCUMENT_BYTES).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
    expect(bodyTooLarge(String(3 * 1024 * 1024), bodyLimitFor(`/hackwell/staff/cases/${CASE}/documents`))).toBe(false);
    expect(bodyTooLarge(String(UPLOAD_BODY_BYTES + 1), bodyLimitFor(`/hackwell/staff/cases/${CASE}/documents`))).toBe(true);
    expect(bodyTooLarge(String(3 * 1024 * 1024), bodyLimitFor("/hackwell/apply"))).toBe(true);
  });
});
