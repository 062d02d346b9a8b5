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

/** Hands one message to someone who delivers it; throws ProviderError (lib/notifications/policy.ts) when it cannot. */
export type TProvider = {
  name: "dev-mailbox" | "smtp" | "notify";
  send(message: TOutgoing): Promise<{ providerRef: string | null }>;
  close?(): void;
};
