import { apiRequest } from "@/lib/partner-api/http";
import { createReferral, listReferrals } from "@/lib/partner-api/referrals";

// The partner API (docs/api.md): submit a referral, list your organisation's referrals.
export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ council: string }> };

export async function POST(request: Request, { params }: TParams) {
  const { council } = await params;
  return apiRequest(request, council, (caller) => createReferral(caller, request));
}

export async function GET(request: Request, { params }: TParams) {
  const { council } = await params;
  return apiRequest(request, council, (caller) => listReferrals(caller, new URL(request.url)));
}
