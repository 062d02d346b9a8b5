// A council's settings as they are written: the same schema as when read (ZTenantSettings), and
// every wording override must name a message of ours. Reading stays lenient (an override for a
// key a later release renamed is skipped, not fatal); writing refuses it, with its name, so a
// typo in a council's wording is caught when it is saved rather than silently dropped.
import { unknownOverrideKeys } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ZTenantSettings, type TTenantSettings } from "@/lib/tenancy/schemas";

export const ZTenantSettingsToSave = ZTenantSettings.superRefine((settings, ctx) => {
  for (const key of unknownOverrideKeys(messagesFor("en"), settings.wordingOverrides)) {
    ctx.addIssue({ code: "custom", path: ["wordingOverrides", key], message: `There is no message "${key}" to override: check the key against messages/en/*.json` });
  }
});

/** Parses settings for saving; throws a ZodError naming every unknown override key. */
export function parseSettingsToSave(settings: unknown): TTenantSettings {
  return ZTenantSettingsToSave.parse(settings ?? {});
}
