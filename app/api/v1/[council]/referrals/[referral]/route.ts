import { apiRequest } from "@/lib/partner-api/http";
import { readReferral } from "@/lib/partner-api/referrals";

// The partner API (docs/api.md): one of your organisation's referrals, by id or reference.
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ council: string; referral: string }> }) {
  const { council, referral } = await params;
  return apiRequest(request, council, (caller) => readReferral(caller, referral));
}
