// The "check your answers" rows (also the printable record on the confirmation page): each
// answer in the resident's language, with the page to change it on. Pure.
import { findAddress, formatAddress } from "@/lib/applications/address-lookup";
import { displayUkMobile, formatPence } from "@/lib/applications/formats";
import { applies } from "@/lib/applications/journey";
import type { TStepId, TStepOutputs } from "@/lib/applications/steps";
import { format, intlLocale, type TLocale, type TMessages } from "@/lib/i18n";

export type TSummaryRow = { key: string; value: string; step: TStepId };
export type TSummarySection = { title: string; rows: TSummaryRow[] };

type Options = Record<string, string>;

export function summarise(a: TStepOutputs, m: TMessages, locale: TLocale): TSummarySection[] {
  const r = m.checkAnswers.rows;
  const s = m.steps;
  const yesNo = (v: string | undefined) => (v === "yes" ? m.common.yes : v === "no" ? m.common.no : "");
  const list = (values: readonly string[] | undefined, options: Options) => (values?.length ? values.map((v) => options[v] ?? v).join(", ") : "");
  const date = (iso: string | undefined) =>
    iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : "";
  const money = (p: number | undefined) => (p === undefined ? "" : formatPence(p, intlLocale(locale)));

  const address = () => {
    if (!a.postcode) return "";
    if (a.address?.address === "manual") return a["address-manual"] ? formatAddress({ ...a["address-manual"], postcode: a.postcode.postcode }) : "";
    const found = a.address ? findAddress(a.postcode.postcode, a.address.address) : undefined;
    return found ? formatAddress(found) : "";
  };
  const bank = a["bank-details"];

  const sections: { title: string; rows: (TSummaryRow | null)[] }[] = [
    {
      title: m.checkAnswers.sections.aboutYou,
      rows: [
        { key: r.fullName, value: a["full-name"]?.fullName ?? "", step: "full-name" },
        { key: r.dateOfBirth, value: date(a["date-of-birth"]?.dateOfBirth), step: "date-of-birth" },
        { key: r.email, value: a.contact?.email ?? m.common.notProvided, step: "contact" },
        { key: r.mobile, value: a.contact?.mobile ? displayUkMobile(a.contact.mobile) : m.common.notProvided, step: "contact" },
        { key: r.preferredLanguage, value: list(a.language ? [a.language.preferredLanguage] : [], s.language.fields.preferredLanguage.options), step: "language" },
      ],
    },
    {
      title: m.checkAnswers.sections.address,
      rows: [
        { key: r.postcode, value: a.postcode?.postcode ?? "", step: "postcode" },
        { key: r.address, value: address(), step: a.address?.address === "manual" ? "address-manual" : "address" },
      ],
    },
    {
      title: m.checkAnswers.sections.household,
      rows: [
        { key: r.adults, value: String(a.household?.adults ?? ""), step: "household" },
        { key: r.children, value: String(a.household?.children ?? ""), step: "household" },
        applies("children-ages", a) ? { key: r.childrenAges, value: a["children-ages"]?.childrenAges.join(", ") ?? "", step: "children-ages" } : null,
        {
          key: r.circumstances,
          value: a.circumstances?.circumstances.length ? list(a.circumstances.circumstances, s.circumstances.fields.circumstances.options) : s.circumstances.fields.circumstances.options.none,
          step: "circumstances",
        },
      ],
    },
    {
      title: m.checkAnswers.sections.needs,
      rows: [
        { key: r.needs, value: list(a.needs?.needs, s.needs.fields.needs.options), step: "needs" },
        applies("rent-arrears", a) ? { key: r.rentArrears, value: money(a["rent-arrears"]?.rentArrears), step: "rent-arrears" } : null,
        applies("council-tax-arrears", a) ? { key: r.councilTaxArrears, value: money(a["council-tax-arrears"]?.councilTaxArrears), step: "council-tax-arrears" } : null,
        applies("other-need", a) ? { key: r.otherNeed, value: a["other-need"]?.otherNeed ?? "", step: "other-need" } : null,
      ],
    },
    {
      title: m.checkAnswers.sections.urgency,
      rows: [
        { key: r.enoughFoodToday, value: yesNo(a["food-today"]?.enoughFoodToday), step: "food-today" },
        { key: r.prepaymentMeter, value: list(a["energy-meter"] ? [a["energy-meter"].prepaymentMeter] : [], s["energy-meter"].fields.prepaymentMeter.options), step: "energy-meter" },
        { key: r.evictionNotice, value: yesNo(a.eviction?.evictionNotice), step: "eviction" },
      ],
    },
    {
      title: m.checkAnswers.sections.income,
      rows: [
        { key: r.employment, value: list(a.employment ? [a.employment.employment] : [], s.employment.fields.employment.options), step: "employment" },
        { key: r.benefits, value: a.benefits?.benefits.length ? list(a.benefits.benefits, s.benefits.fields.benefits.options) : s.benefits.fields.benefits.options.none, step: "benefits" },
        { key: r.nrpf, value: list(a.nrpf ? [a.nrpf.nrpf] : [], s.nrpf.fields.nrpf.options), step: "nrpf" },
      ],
    },
    { title: m.checkAnswers.sections.housing, rows: [{ key: r.tenure, value: list(a.housing ? [a.housing.tenure] : [], s.housing.fields.tenure.options), step: "housing" }] },
    {
      title: m.checkAnswers.sections.payment,
      rows: [
        { key: r.paymentMethod, value: list(a.payment ? [a.payment.paymentMethod] : [], s.payment.fields.paymentMethod.options), step: "payment" },
        applies("bank-details", a) && bank
          ? { key: r.bankAccount, value: format(m.checkAnswers.bankMasked, { name: bank.accountName, sort: bank.sortCode.slice(-2), account: bank.accountNumber.slice(-4) }), step: "bank-details" }
          : null,
      ],
    },
    {
      title: m.checkAnswers.sections.consent,
      rows: [
        { key: r.shareWithAdvicePartners, value: yesNo(a.consent?.shareWithAdvicePartners), step: "consent" },
        { key: r.contactAboutSupport, value: yesNo(a.consent?.contactAboutSupport), step: "consent" },
      ],
    },
  ];
  return sections.map((sec) => ({ title: sec.title, rows: sec.rows.filter((row): row is TSummaryRow => row !== null) }));
}
