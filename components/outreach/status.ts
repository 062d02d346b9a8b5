import type { TTagColour } from "@/components/ui/tag";

/** The tag colour of an import's or a campaign's status. */
export function statusColour(status: string): TTagColour {
  switch (status) {
    case "IMPORTED":
    case "SENT":
      return "green";
    case "FAILED":
      return "red";
    case "UPLOADED":
      return "yellow";
    case "CHECKED":
      return "blue";
    default:
      return "light-blue";
  }
}
