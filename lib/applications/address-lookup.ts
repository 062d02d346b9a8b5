// Postcode → address lookup. The demo uses a deterministic stand-in (no network, no address
// data to license): a few plausible addresses per postcode. A real deployment would put an
// OS Places or AddressBase client behind the same function. Pure, so the journey can use it.

export type TAddress = { id: string; line1: string; line2: string; town: string; postcode: string };

const STREETS = ["Mare Street", "Amhurst Road", "Dalston Lane", "Victoria Park Road", "Mill Road", "Station Road", "Church Lane", "High Street"];
const TOWNS: Record<string, string> = { E: "London", N: "London", CB: "Cambridge", PE: "Wisbech" };

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export function lookupAddresses(postcode: string): TAddress[] {
  const compact = postcode.replace(/\s+/g, "").toLowerCase();
  // Postcodes ending in ZZ have no addresses in the demo, to show the manual fallback.
  if (compact.endsWith("zz")) return [];
  const letters = postcode.replace(/[0-9].*$/, "").toUpperCase();
  const town = TOWNS[letters] ?? "Town";
  const street = STREETS[hash(compact) % STREETS.length]!;
  const first = (hash(compact) % 40) + 1;
  return Array.from({ length: 5 }, (_, i) => ({
    id: `${compact}-${i + 1}`,
    line1: i < 2 ? `Flat ${i + 1}, ${first} ${street}` : `${first + i * 2} ${street}`,
    line2: "",
    town,
    postcode,
  }));
}

export function findAddress(postcode: string, id: string): TAddress | undefined {
  return lookupAddresses(postcode).find((a) => a.id === id);
}

export function formatAddress(a: Pick<TAddress, "line1" | "line2" | "town" | "postcode">): string {
  return [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(", ");
}
