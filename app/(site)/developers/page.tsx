import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { API_RATE_LIMIT } from "@/lib/partner-api/http";
import { curlExamples, VERIFY_SNIPPET } from "@/lib/partner-api/reference";
import { PROBLEM_KINDS } from "@/lib/partner-api/problem";
import { SIGNATURE_HEADER } from "@/lib/webhooks/signature";

export const metadata = { title: "Partner API reference – Money Hub" };

function Code({ children, testId }: { children: string; testId?: string }) {
  return (
    <pre className="govuk-!-margin-bottom-6 overflow-x-auto border-l-4 border-gray-400 bg-gray-100 p-4 text-sm" tabIndex={0} data-testid={testId}>
      <code>{children}</code>
    </pre>
  );
}

export default async function DevelopersPage() {
  const t = await getTranslations("partnerApi.developers");
  const ex = curlExamples("hackwell");
  return (
    <div className="md:w-3/4">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        {t("openapi")}{" "}
        <Link className="govuk-link" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </Link>
      </p>
      <h2 className="govuk-heading-m" id="authentication">{t("authHeading")}</h2>
      <p>{t("auth")}</p>
      <p>{t("councilInPath")}</p>
      <Code>{"Authorization: Bearer mhk_…"}</Code>
      <h2 className="govuk-heading-m" id="referrals">{t("submitHeading")}</h2>
      <p>{t("submit")}</p>
      <Code testId="curl-post">{ex.post}</Code>
      <h2 className="govuk-heading-m" id="idempotency">{t("idempotencyHeading")}</h2>
      <p>{t("idempotency")}</p>
      <h2 className="govuk-heading-m" id="status">{t("statusHeading")}</h2>
      <p>{t("status")}</p>
      <Code>{ex.get}</Code>
      <Code>{ex.list}</Code>
      <h2 className="govuk-heading-m" id="errors">{t("errorsHeading")}</h2>
      <p>{t("errors")}</p>
      <dl className="govuk-summary-list">
        {Object.entries(PROBLEM_KINDS).map(([kind, k]) => (
          <div className="govuk-summary-list__row" key={kind} id={`problem-${kind}`}>
            <dt className="govuk-summary-list__key">
              <code>{kind}</code> ({k.status})
            </dt>
            <dd className="govuk-summary-list__value">{k.title}</dd>
          </div>
        ))}
      </dl>
      <Code>{ex.problem}</Code>
      <h2 className="govuk-heading-m" id="rate-limit">{t("rateHeading")}</h2>
      <p>{t("rate", { limit: API_RATE_LIMIT.limit, window: API_RATE_LIMIT.windowSeconds })}</p>
      <h2 className="govuk-heading-m" id="webhooks">{t("webhooksHeading")}</h2>
      <p>{t("webhooks")}</p>
      <p>{t("signature")}</p>
      <Code>{VERIFY_SNIPPET.replaceAll("SIGNATURE_HEADER", SIGNATURE_HEADER.toLowerCase())}</Code>
      <p>{t("eventExample")}</p>
      <Code>{ex.event}</Code>
    </div>
  );
}
