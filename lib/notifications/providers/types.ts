/** What a provider needs to send one outbox message. */
export type TOutgoing = {
  id: string;
  channel: "EMAIL" | "SMS";
  to: string;
  subject: string | null;
  body: string;
  personalisation: Record<string, string>;
  providerTemplateId: string | null;
};

/** A provider's delivery receipt for a message it accepted. */
export type TDeliveryReceipt =
  | { state: "delivered" }
  | { state: "failed"; reason: string }
  /** Still on its way (the provider's own word for it, for the log). */
  | { state: "pending"; status: string }
  /** Nothing more will be known (e.g. Notify's "sent" for an international text). */
  | { state: "final" };

/** Hands one message to someone who delivers it; throws ProviderError (lib/notifications/policy.ts) when it cannot. */
export type TProvider = {
  name: "dev-mailbox" | "smtp" | "notify";
  send(message: TOutgoing): Promise<{ providerRef: string | null }>;
  /**
   * Asks what became of a message it accepted (GOV.UK Notify). Providers without it (SMTP, the
   * dev mailbox) cannot know more than "sent": the outbox stops there.
   */
  receipt?(providerRef: string): Promise<TDeliveryReceipt>;
  close?(): void;
};
