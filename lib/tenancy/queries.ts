import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { ZTenantSettings, type TTenantSettings } from "@/lib/tenancy/schemas";

export type TCouncil = {
  id: string;
  slug: string;
  name: string;
  kind: string;
  contactEmail: string;
  contactPhone: string;
  websiteUrl: string | null;
  postcodeAreas: string[];
  settings: TTenantSettings;
};

/** The council a URL names, or null. The Tenant table is public information, not tenant-owned. */
export const findCouncilBySlug = cache(async (slug: string): Promise<TCouncil | null> => {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const row = await db().tenant.findUnique({ where: { slug } });
  if (!row || row.status !== "ACTIVE") return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    websiteUrl: row.websiteUrl,
    postcodeAreas: row.postcodeAreas,
    settings: ZTenantSettings.parse(row.settings ?? {}),
  };
});

export async function listCouncils() {
  return db().tenant.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, kind: true, status: true, createdAt: true } });
}
