/** The id of a field's input (the error summary links to it); shared by server and client components. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
