import { getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldId } from "@/components/ui/field-id";
import { SuccessBanner } from "@/components/ui/layout-parts";
import { readSearchParams } from "@/lib/forms/text";

// The outcome of an upload (or a refused download) at the top of the case page: the upload route
// redirects back with ?documentsUploaded=N or ?documentError=<problem>&documentName=<file>.
// GOV.UK: the error summary first, linking to the file field; the page's title starts "Error: "
// (documentErrorTitle).

type TParams = Record<string, string | string[] | undefined>;
const PROBLEMS = ["none-chosen", "empty", "too-large", "type-not-allowed", "request-too-large", "not-multipart", "infected"] as const;
type TProblem = (typeof PROBLEMS)[number];

export type TDocumentNotice = { kind: "uploaded"; count: number } | { kind: "error"; problem: TProblem; name: string } | null;

export async function documentNotice(searchParams: Promise<TParams> | TParams): Promise<TDocumentNotice> {
  const q = await readSearchParams(searchParams);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const error = one(q.documentError);
  if (error && (PROBLEMS as readonly string[]).includes(error)) return { kind: "error", problem: error as TProblem, name: (one(q.documentName) ?? "").slice(0, 200) };
  const uploaded = Number(one(q.documentsUploaded));
  if (Number.isInteger(uploaded) && uploaded > 0 && uploaded <= 5) return { kind: "uploaded", count: uploaded };
  return null;
}

/** "Error: " when the page shows a document error, for the page's <title> (browsers without JavaScript). */
export async function documentErrorTitle(searchParams: Promise<TParams> | TParams): Promise<string> {
  const notice = await documentNotice(searchParams);
  return notice?.kind === "error" ? (await getTranslations("documents"))("errorPrefix") : "";
}

export async function DocumentNotices({ searchParams }: { searchParams: Promise<TParams> | TParams }) {
  const notice = await documentNotice(searchParams);
  if (!notice) return null;
  const t = await getTranslations("documents");
  if (notice.kind === "uploaded")
    return (
      <SuccessBanner testId="documents-banner" title={t("success.title")}>
        {t("success.uploaded", { count: notice.count })}
      </SuccessBanner>
    );
  const message = documentErrorMessage(t, notice.problem, notice.name);
  return <ErrorSummary title={t("errors.title")} errorPrefix={t("errorPrefix")} errors={[{ field: notice.problem === "infected" ? "form" : "document", message }]} />;
}

export function documentErrorMessage(t: (key: string, values?: Record<string, string | number>) => string, problem: TProblem, name: string): string {
  return t(`errors.${problem}`, { name: name || t("errors.none-chosen") });
}

export const DOCUMENT_INPUT_ID = fieldId("document");
