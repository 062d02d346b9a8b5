// The demo councils: fictional, but shaped like the real ones in DESIGN.md — an inner-London
// borough with a one-form Money Hub and a county council running direct awards through partners.
import type { CouncilKind, OrganisationType, Role } from "@/lib/generated/prisma/client";

/** A referrer of a partner organisation: trained (in date) or not, and whether they lead it. */
type TDemoReferrer = { email: string; name: string; trained?: boolean; lead?: boolean };

type DemoCouncil = {
  slug: string;
  name: string;
  kind: CouncilKind;
  contactEmail: string;
  contactPhone: string;
  postcodeAreas: string[];
  settings: object;
  organisations: { name: string; type: OrganisationType; domains: string[]; referrer: TDemoReferrer; colleagues?: TDemoReferrer[] }[];
  staff: { role: Role; email: string; name: string }[];
  /** The council's Bacs identity and account (PaymentSettings): Vocalink's published valid test accounts. */
  payments: { serviceUserNumber: string; serviceUserName: string; originatingSortCode: string; originatingAccountNumber: string; originatingAccountName: string };
};

export const DEMO_COUNCILS: DemoCouncil[] = [
  {
    slug: "hackwell",
    name: "London Borough of Hackwell",
    kind: "LONDON_BOROUGH",
    contactEmail: "moneyhub@hackwell.example",
    contactPhone: "020 7946 0321",
    postcodeAreas: ["E5", "E8", "E9", "N1", "N16"],
    settings: {
      referencePrefix: "HKW",
      exitThisPage: true,
      phaseBanner: "beta",
      applicationRoute: "open",
      helpToday: [
        { name: "Hackwell Food Bank", description: "Food parcels at St John's Church, Mare Street. Monday to Saturday, 10am to 2pm. No voucher needed today.", phone: "020 7946 0999" },
        { name: "Warm spaces in Hackwell libraries", description: "Free, warm places to sit, with hot drinks and phone charging, every day from 9am to 7pm." },
      ],
    },
    organisations: [
      { name: "Hackwell Health Visiting Service", type: "HEALTH_VISITING", domains: ["nhs.example"], referrer: { email: "hv.amara@nhs.example", name: "Amara Okafor", trained: true, lead: true }, colleagues: [{ email: "hv.ben@nhs.example", name: "Ben Carter", trained: true, lead: true }] },
      { name: "Hackwell Social Prescribing Partnership", type: "SOCIAL_PRESCRIBING", domains: ["nhs.example"], referrer: { email: "sp.jordan@nhs.example", name: "Jordan Ellis", trained: true } },
      { name: "Hackwell Leaving Care Team", type: "LEAVING_CARE", domains: ["hackwell.example"], referrer: { email: "leaving.care@hackwell.example", name: "Tom Brennan" } },
    ],
    staff: [
      { role: "OFFICER", email: "officer@hackwell.example", name: "Priya Shah" },
      { role: "APPROVER", email: "approver@hackwell.example", name: "Daniel Mensah" },
      // A second person in finance: whoever makes a payment batch cannot release it (issue 19).
      { role: "APPROVER", email: "finance@hackwell.example", name: "Nadia Rahman" },
      { role: "MANAGER", email: "manager@hackwell.example", name: "Grace Adeyemi" },
      { role: "COUNCIL_ADMIN", email: "admin@hackwell.example", name: "Sam Whitfield" },
    ],
    payments: { serviceUserNumber: "412345", serviceUserName: "LB HACKWELL", originatingSortCode: "107999", originatingAccountNumber: "88837491", originatingAccountName: "HACKWELL HARDSHIP" },
  },
  {
    slug: "fenshire",
    name: "Fenshire County Council",
    kind: "COUNTY",
    contactEmail: "countyhub@fenshire.example",
    contactPhone: "01632 960 458",
    postcodeAreas: ["CB1", "CB2", "CB4", "CB5", "PE13", "PE14", "PE15", "PE16"],
    settings: {
      referencePrefix: "FEN",
      exitThisPage: false,
      phaseBanner: "alpha",
      applicationRoute: "open",
      helpToday: [
        { name: "Fen Valley Food Partnership", description: "Emergency food in Wisbech, March and Cambridge. Call to find the nearest open today.", phone: "01632 960 777" },
        { name: "Fenshire warm hubs", description: "Community centres open as warm spaces this winter. Search 'warm hubs' on the council website." },
      ],
    },
    organisations: [
      { name: "Fenshire Social Prescribing Network", type: "SOCIAL_PRESCRIBING", domains: ["nhs.example"], referrer: { email: "social.prescriber@nhs.example", name: "Megan Hollis", trained: true, lead: true }, colleagues: [{ email: "sp.olu@nhs.example", name: "Olu Adebayo", trained: true }] },
      { name: "Fenshire Health Visiting Service", type: "HEALTH_VISITING", domains: ["nhs.example"], referrer: { email: "hv.chloe@nhs.example", name: "Chloe Evans", trained: true, lead: true } },
      { name: "Fen Valley Food Partnership", type: "VOLUNTARY_SECTOR", domains: ["fenvalley.example"], referrer: { email: "coordinator@fenvalley.example", name: "Ravi Patel" } },
    ],
    staff: [
      { role: "OFFICER", email: "officer@fenshire.example", name: "Lucy Marsh" },
      { role: "APPROVER", email: "approver@fenshire.example", name: "Owen Pryce" },
      { role: "APPROVER", email: "finance@fenshire.example", name: "Ruth Ellery" },
      { role: "MANAGER", email: "manager@fenshire.example", name: "Helen Fairweather" },
      { role: "COUNCIL_ADMIN", email: "admin@fenshire.example", name: "Kwame Boateng" },
    ],
    payments: { serviceUserNumber: "467890", serviceUserName: "FENSHIRE CC", originatingSortCode: "202959", originatingAccountNumber: "63748472", originatingAccountName: "FENSHIRE HSF" },
  },
];

export const DEMO_PLATFORM_OPERATOR = { email: "operator@moneyhub.example", name: "Platform Operator" };
