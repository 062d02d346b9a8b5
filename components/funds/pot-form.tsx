"use client";
import { useActionState } from "react";
import { Button, Checkboxes, Radios, Select, TextInput } from "@/components/ui/fields";
import { FormFrame } from "@/components/ui/form-frame";
import { EMPTY_FORM_STATE, type TFormState } from "@/lib/forms/form-state";

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
      <TextInput name="name" label="Pot name" hint="For example, Food and energy, or Direct awards: health visiting" errors={e} defaultValue={v.name} />
      <Select
        name="ownerOrganisationId"
        label="Partner organisation that spends from this pot (optional)"
        hint="For a partner's direct-award allowance. Leave as none for pots the council spends from."
        options={[{ value: "", label: "None" }, ...organisations]}
        errors={e}
        defaultValue={v.ownerOrganisationId ?? ""}
      />
      <TextInput name="maxSingleAward" label="Largest single award" optional hint="In pounds. Leave empty for no limit." prefix="£" width="10" inputMode="decimal" errors={e} defaultValue={v.maxSingleAward} />
      <Checkboxes name="eligibleNeeds" legend="Needs this pot can pay for" hint="Select all that apply. Select none for any need." options={needs} checked={ticked("eligibleNeeds", needs)} errors={e} />
      <Checkboxes name="eligibleHouseholdTypes" legend="Households this pot is for" hint="Select all that apply. Select none for any household." options={householdTypes} checked={ticked("eligibleHouseholdTypes", householdTypes)} errors={e} />
      <Checkboxes name="accessRoutes" legend="Routes that can award from this pot" hint="Select all that apply. Select none for every route." options={routes} checked={ticked("accessRoutes", routes)} errors={e} />
      <fieldset className="govuk-form-group">
        <legend className="govuk-fieldset-legend">How often one household may get an award from this pot (optional)</legend>
        <div className="govuk-hint">For example, 1 award in 365 days. Leave both empty for no limit.</div>
        <div className="flex flex-wrap gap-x-6">
          <TextInput name="maxAwardsPerHousehold" label="Number of awards" width="5" inputMode="numeric" errors={e} defaultValue={v.maxAwardsPerHousehold} />
          <TextInput name="repeatWindowDays" label="In this many days" width="5" inputMode="numeric" errors={e} defaultValue={v.repeatWindowDays} />
        </div>
      </fieldset>
      {potId ? (
        <Radios
          name="active"
          legend="Is the pot open for new awards?"
          options={[
            { value: "yes", label: "Yes, open" },
            { value: "no", label: "No, closed to new awards", hint: "Money already committed can still be paid." },
          ]}
          errors={e}
          defaultValue={v.active}
        />
      ) : null}
      <Button>{potId ? "Save changes" : "Create pot"}</Button>
    </FormFrame>
  );
}
