export { CaseDocuments } from "@/components/documents/case-documents";
export { DocumentNotices, documentErrorTitle } from "@/components/documents/document-notices";
