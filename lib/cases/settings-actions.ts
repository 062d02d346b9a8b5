"use server";
import { staffActor } from "@/lib/actor";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/auth/action-client";
import { formFieldOf, ZCaseworkSettingsForm } from "@/lib/cases/settings-schemas";
import { updateCaseworkSettings } from "@/lib/cases/update-settings";
import { formError, inFormOrder } from "@/lib/forms/form-state";
import { errorText } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";

// The casework settings page's one action. staffAction checks Origin, session, council (from the
// URL) and settings:manage, and parses the form (ZCaseworkSettingsForm: problems on the boxes
// they are about); the service checks the permission again and decides.

const en = messagesFor("en");

export const updateCaseworkSettingsAction = staffAction({ permission: "settings:manage", schema: ZCaseworkSettingsForm, name: "change casework settings" }, async (ctx, input, raw) => {
  const result = await updateCaseworkSettings(staffActor(ctx), input, ctx.ip);
  const base = `/${ctx.council.slug}/staff/cases/settings`;
  switch (result.outcome) {
    case "saved":
      return redirect(`${base}?saved=${result.rescore ? `rescored&count=${result.rescore.updated}` : "yes"}`);
    case "unchanged":
      return redirect(`${base}?saved=unchanged`);
    case "forbidden":
      return formError("You do not have permission to do that. If you think you should, ask your council admin.", raw);
    case "invalid": {
      const existing = Object.keys(raw).filter((k) => /^code-\d+-code$/.test(k)).length;
      const errors = result.issues.map((i) => ({ field: formFieldOf(i.path, existing), message: errorText(en, i.message) }));
      return { errors: inFormOrder(errors, Object.keys(raw)), values: raw };
    }
  }
});
