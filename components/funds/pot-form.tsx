"use client";
import { useActionState } from "react";
import { Button, Checkboxes, Radios, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";
import type { TStaffMessages } from "@/lib/i18n";

type Action = (prev: TFormState, fd: FormData) => Promise<TFormState>;
type Option = { value: string; label: string };

/** Create or change a pot and its award rules. Unticked boxes mean "any". */
export function PotForm({
  action,
  title,
  caption,
  fundId,
  potId,
  idempotencyKey,
  organisations,
  needs,
  householdTypes,
  routes,
  defaults = {},
  checked = {},
  words: w,
  housingWords,
}: {
  action: Action;
  title: string;
  /** The fund's name, shown above the heading (below any error summary). */
  caption: string;
  fundId: string;
  potId?: string;
  idempotencyKey?: string;
  organisations: Option[];
  needs: Option[];
  householdTypes: Option[];
  routes: Option[];
  defaults?: Record<string, string>;
  checked?: Record<string, string[]>;
  /** messages/en/staff.json `funds.potForm`. */
  words: TStaffMessages["funds"]["potForm"];
  /** messages/en/eligibility.json `funds`: the Housing Payment box. */
  housingWords: { housingPayment: string; housingPaymentHint: string; housingPaymentLabel: string };
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...defaults, ...state.values };
  const e = state.errors;
  const ticked = (name: string, options: Option[]) => (state.values.name !== undefined ? options.filter((o) => state.values[`${name}-${o.value}`] === "yes").map((o) => o.value) : (checked[name] ?? []));
  return (
    <FormFrame title={title} state={state} action={formAction}>
      <span className="govuk-caption-l">{caption}</span>
      <h1>{title}</h1>
      <input type="hidden" name="fundId" value={fundId} />
      {potId ? <input type="hidden" name="potId" value={potId} /> : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <TextInput name="name" label={w.name} hint={w.nameHint} errors={e} defaultValue={v.name} />
      <Select
        name="ownerOrganisationId"
        label={w.owner}
        hint={w.ownerHint}
        options={[{ value: "", label: w.ownerNone }, ...organisations]}
        errors={e}
        defaultValue={v.ownerOrganisationId ?? ""}
      />
      <TextInput name="maxSingleAward" label={w.maxSingleAward} optional hint={w.maxSingleAwardHint} prefix="£" width="10" inputMode="decimal" errors={e} defaultValue={v.maxSingleAward} />
      <Checkboxes name="eligibleNeeds" legend={w.needs} hint={w.needsHint} options={needs} checked={ticked("eligibleNeeds", needs)} errors={e} />
      <Checkboxes name="eligibleHouseholdTypes" legend={w.households} hint={w.householdsHint} options={householdTypes} checked={ticked("eligibleHouseholdTypes", householdTypes)} errors={e} />
      <Checkboxes name="accessRoutes" legend={w.routes} hint={w.routesHint} options={routes} checked={ticked("accessRoutes", routes)} errors={e} />
      <Checkboxes
        name="housingPayment"
        legend={housingWords.housingPayment}
        hint={housingWords.housingPaymentHint}
        options={[{ value: "yes", label: housingWords.housingPaymentLabel }]}
        checked={ticked("housingPayment", [{ value: "yes", label: "" }])}
        errors={e}
      />
      <fieldset className="govuk-form-group">
        <legend className="govuk-fieldset-legend">{w.often}</legend>
        <div className="govuk-hint">{w.oftenHint}</div>
        <div className="flex flex-wrap gap-x-6">
          <TextInput name="maxAwardsPerHousehold" label={w.maxAwards} width="5" inputMode="numeric" errors={e} defaultValue={v.maxAwardsPerHousehold} />
          <TextInput name="repeatWindowDays" label={w.window} width="5" inputMode="numeric" errors={e} defaultValue={v.repeatWindowDays} />
        </div>
      </fieldset>
      {potId ? (
        <Radios
          name="active"
          legend={w.active}
          options={[
            { value: "yes", label: w.open },
            { value: "no", label: w.closed, hint: w.closedHint },
          ]}
          errors={e}
          defaultValue={v.active}
        />
      ) : null}
      <Button>{potId ? w.save : w.create}</Button>
    </FormFrame>
  );
}
