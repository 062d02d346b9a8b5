import { getTranslations } from "next-intl/server";
import { fieldId } from "@/components/ui/field-id";

/**
 * One provider file upload (a plain multipart form to the import route: works without
 * JavaScript). `error`: the problem of the last try of this kind, in words.
 */
export async function VoucherUploadForm({ slug, kind, error }: { slug: string; kind: "codes" | "redemptions"; error: string | null }) {
  const t = await getTranslations("vouchers");
  const id = fieldId(`voucher-file-${kind}`);
  return (
    <form method="post" action={`/${slug}/staff/payments/vouchers/imports`} encType="multipart/form-data" noValidate data-testid={`voucher-upload-${kind}`} className="mb-8">
      <input type="hidden" name="kind" value={kind} />
      <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`}>
        <h2 className="govuk-label-wrapper">
          <label className="govuk-label govuk-label--m" htmlFor={id}>
            {t(kind === "codes" ? "import.codesHeading" : "import.redemptionsHeading")}
          </label>
        </h2>
        <div id={`${id}-hint`} className="govuk-hint">
          {t(kind === "codes" ? "import.codesHint" : "import.redemptionsHint")}
        </div>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message" data-testid={`voucher-upload-error-${kind}`}>
            <span className="govuk-visually-hidden">{t("errorPrefix")}</span> {error}
          </p>
        ) : null}
        <input className={`govuk-file-upload ${error ? "govuk-file-upload--error" : ""}`} id={id} name="file" type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {t("import.submit")}
      </button>
    </form>
  );
}
