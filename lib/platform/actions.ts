"use server";
import { redirect } from "next/navigation";
import { platformAction } from "@/lib/auth/action-client";
import { createCouncil } from "@/lib/platform/create-council";
import { ZCreateCouncil } from "@/lib/tenancy/schemas";

export const createCouncilAction = platformAction({ schema: ZCreateCouncil, name: "create council" }, async ({ user, ip }, input, raw) => {
  const result = await createCouncil(user, input, ip);
  if (result.outcome === "slug-taken") return { errors: [{ field: "slug", message: "Another council already uses this web address name" }], values: raw };
  redirect(`/platform?created=${encodeURIComponent(result.slug)}`);
});
