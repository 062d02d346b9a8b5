import { SubNavigation } from "@/components/ui/case-working";
import words from "@/messages/en/payments.json";

// The payments area's tabs (MOJ sub navigation), one list: each part of issue 19 adds its own
// tab here (vouchers, reconciliation, suppliers) and its pages under app/[council]/staff/payments/<part>/.
export function paymentsTabs(slug: string): { href: string; text: string }[] {
  const base = `/${slug}/staff/payments`;
  return [
    { href: base, text: words.tabs.ready },
    { href: `${base}/batches`, text: words.tabs.batches },
    { href: `${base}/settings`, text: words.tabs.settings },
  ];
}

/** The tabs, with the current one marked (its href). */
export function PaymentsTabs({ slug, current }: { slug: string; current: string }) {
  return <SubNavigation items={paymentsTabs(slug)} current={current} label={words.tabs.label} />;
}
