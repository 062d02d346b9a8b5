// The reference page's and docs/api.md's examples, built from the same example values the
// OpenAPI document carries (a test checks those pass the schemas).
import { EXAMPLE_PROBLEM, EXAMPLE_REFERRAL, EXAMPLE_REFERRAL_RESPONSE } from "@/lib/partner-api/examples";

export function curlExamples(slug: string, base = "http://localhost:3000", key = "$MONEY_HUB_API_KEY") {
  return {
    post: [
      `curl -sS -X POST ${base}/api/v1/${slug}/referrals \\`,
      `  -H "Authorization: Bearer ${key}" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -H "Idempotency-Key: $(uuidgen)" \\`,
      `  -d '${JSON.stringify(EXAMPLE_REFERRAL)}'`,
    ].join("\n"),
    get: `curl -sS ${base}/api/v1/${slug}/referrals/${EXAMPLE_REFERRAL_RESPONSE.reference} \\\n  -H "Authorization: Bearer ${key}"`,
    list: `curl -sS "${base}/api/v1/${slug}/referrals?limit=25&status=IN_REVIEW" \\\n  -H "Authorization: Bearer ${key}"`,
    problem: JSON.stringify(EXAMPLE_PROBLEM, null, 2),
    event: JSON.stringify(
      {
        id: "5d2c7a8e-1f0b-4b8e-9c3a-6e2f1d4b7a90",
        type: "referral.status_changed",
        createdAt: "2026-12-06T10:02:11.000Z",
        data: { referral: { id: EXAMPLE_REFERRAL_RESPONSE.id, reference: EXAMPLE_REFERRAL_RESPONSE.reference, status: "IN_REVIEW", previousStatus: "RECEIVED" } },
      },
      null,
      2,
    ),
  };
}

/** How a receiver checks a webhook (Node.js): the same steps as lib/webhooks/signature.ts verifySignature. */
export const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (a string), before any JSON parsing.
function verify(secret, header, rawBody) {
  const parts = Object.fromEntries(String(header).split(",").map((p) => p.split("=")));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false; // replay
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// verify(process.env.WEBHOOK_SECRET, req.headers["SIGNATURE_HEADER"], rawBody)`;
