// Documents (evidence) on a case (issue 18, docs/documents.md). What other folders and the routes use.
export { MAX_DOCUMENT_BYTES, saveCaseDocument, documentProblem, cleanDocumentName, type TDocumentProblem, type TActorLike, type TDocumentSource } from "@/lib/documents/save-document";
export { readUploadedFiles, uploadLimitBytes, UPLOAD_OVERHEAD_BYTES } from "@/lib/documents/read-upload";
export { detectDocumentType, DOCUMENT_TYPES, type TDetectedType, type TDocumentMediaType } from "@/lib/documents/detect-type";
export { listCaseDocuments, openCaseDocument, contentDisposition, type TCaseDocumentRow, type TOpenedDocument } from "@/lib/documents/queries";
export type { TScanState } from "@/lib/documents/scan";
export { uploadCaseDocuments, MAX_OFFICER_FILES, DOCUMENT_FIELD, type TUploadProblem, type TOfficerUploadResult } from "@/lib/documents/officer-upload";
