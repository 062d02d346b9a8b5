// The characters a Bacs field may hold: A–Z, 0–9, full stop, ampersand, slash, hyphen and space
// (Bacs Standard 18; the same set the HSBC and Bottomline Standard 18 guides list). Pure.

const MAPPED: Record<string, string> = {
  ß: "SS", æ: "AE", Æ: "AE", œ: "OE", Œ: "OE", ø: "O", Ø: "O", ł: "L", Ł: "L", đ: "D", Đ: "D", ð: "D", Ð: "D", þ: "TH", Þ: "TH", ı: "I",
  "+": "&", "’": "", "'": "", "‘": "", "`": "", "_": "-", "–": "-", "—": "-", ",": " ", ":": " ", ";": " ",
};

/**
 * Text reduced to what Bacs allows: accents stripped (é → E), a few letters spelt out (ß → SS, Ł → L),
 * apostrophes dropped (O'Connor → OCONNOR), anything else removed; upper case, spaces collapsed,
 * then cut to `width` characters (18 for names and references).
 */
export function bacsText(text: string, width = 18): string {
  const mapped = Array.from(text.normalize("NFD"))
    .map((ch) => MAPPED[ch] ?? ch)
    .join("")
    .toUpperCase()
    .replace(/[^A-Z0-9.&/\- ]/g, (ch) => (/\s/.test(ch) ? " " : ""));
  return mapped.replace(/ {2,}/g, " ").trim().slice(0, width).trimEnd();
}
