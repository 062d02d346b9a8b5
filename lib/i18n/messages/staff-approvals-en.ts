// Words of the casework approval and settings screens (awaiting approval, reject, casework
// settings), keyed as lib/awards and lib/cases/settings-schemas.ts produce them. Staff pages are
// English-only today, so every language's message file spreads this block into its `errors`.
// The priority reasons are read from this catalogue's own labels (lib/i18n sits below lib/triage;
// tests/unit/priority-and-sla.test.ts keeps the two lists the same).
import { staffCaseworkEn } from "@/lib/i18n/messages/staff-en";

type TPriorityReason = keyof typeof staffCaseworkEn.priorityReasons;

export const staffApprovalsErrorsEn = {
  // Awaiting approval: approve and reject.
  "award.rejectReason.required": "Enter why you are rejecting this award",
  "award.rejectReason.tooLong": "The reason must be 1,000 characters or fewer",
  "approvals.fourEyes.proposed": "You proposed this award, so another approver must approve it",
  "approvals.fourEyes.proposedReject": "You proposed this award, so another approver must decide on it. To withdraw it, cancel it from the case",
  "approvals.fourEyes.entered": "You entered this application, so another approver must decide on this award",
  "approvals.notEnoughMoney": "There is not enough money in {pot} to approve {amount}: {available} is left. Move money into the pot or reject the award",
  "approvals.potRules": "This award cannot be approved now: {reason}",
  "approvals.ledgerRefused": "This award cannot be approved from {pot} now. Check the pot and its fund's dates on the Funds pages",
  "approvals.alreadyApproved": "{name} has already approved this award",
  "approvals.alreadyRejected": "{name} has already rejected this award",
  "approvals.alreadyCancelled": "This award has already been cancelled",
  "approvals.notFound": "That award does not exist in this council",
  "approvals.approved": "Award approved: {amount} for {reference} from {pot}",
  "approvals.rejected": "Award rejected: {amount} for {reference}",
  "approvals.rejectedSentBack": "Award rejected: {amount} for {reference}. No award is left on the case, so it is back with {officer} to decide again",
  // Casework settings.
  ...(Object.fromEntries(
    (Object.keys(staffCaseworkEn.priorityReasons) as TPriorityReason[]).map((r) => [`settings.weight.${r}`, `The weight for “${staffCaseworkEn.priorityReasons[r]}” must be a whole number from 0 to 100`]),
  ) as Record<`settings.weight.${TPriorityReason}`, string>),
  "settings.urgentFrom.range": "The urgent threshold must be a whole number from 1 to 1,000",
  "settings.slaUrgentDays.range": "Working days for urgent cases must be a whole number from 1 to 60",
  "settings.slaStandardDays.range": "Working days for standard cases must be a whole number from 1 to 60",
  "settings.officerLimit.required": "Enter the officer's approval limit",
  "settings.officerLimit.format": "The officer's approval limit must be an amount of money, like 250 or 1,250.50",
  "settings.officerLimit.min": "The officer's approval limit must be £0.00 or more",
  "settings.officerLimit.max": "The officer's approval limit must be £100,000.00 or less",
  "settings.code.format": "The code must be 2 to 40 lower-case letters, numbers or hyphens, like rent-help",
  "settings.code.taken": "There is already a reason code with that code",
  "settings.label.required": "Enter the words officers and residents see for the reason code",
  "settings.label.tooLong": "The reason's words must be 120 characters or fewer",
  "settings.decision.required": "Select which decisions can use the reason code",
  "settings.codes.needApprove": "Keep at least one reason code for approving that is not retired",
  "settings.codes.needDecline": "Keep at least one reason code for declining that is not retired",
  "settings.codes.tooMany": "A council can have at most 50 reason codes",
  "settings.codes.removed": "Reason codes cannot be deleted, because decided cases use them. Retire a code instead",
  "settings.saved": "Casework settings saved.",
  "settings.savedRescored": "Casework settings saved. {count} open cases were given a new priority.",
  "settings.unchanged": "Nothing was changed.",
};
