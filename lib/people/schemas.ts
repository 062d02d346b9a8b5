import { z } from "zod";
import { zLine } from "@/lib/forms/text";
import { ZEmail, ZNewPassword } from "@/lib/auth/schemas";

export const STAFF_ROLE_VALUES = ["OFFICER", "APPROVER", "MANAGER", "COUNCIL_ADMIN"] as const;

const ZRoleList = z
  .union([zLine(), z.array(zLine())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(STAFF_ROLE_VALUES, { error: "Select a role from the list" })).min(1, "Select at least one role"));

export const ZInviteStaff = z
  .object({
    name: zLine().trim().min(1, "Enter the person's full name").max(120, "Full name must be 120 characters or fewer"),
    email: ZEmail,
    role: z.enum(STAFF_ROLE_VALUES, { error: "Select the person's role" }),
  })
  .strict();

export const ZInviteReferrer = z
  .object({
    name: zLine().trim().min(1, "Enter the person's full name").max(120, "Full name must be 120 characters or fewer"),
    email: ZEmail,
    organisationId: zLine().uuid("Select the partner organisation"),
  })
  .strict();

export const ZChangeRoles = z.object({ userId: zLine().uuid(), roles: ZRoleList }).strict();
export const ZMemberRef = z.object({ userId: zLine().uuid() }).strict();

export const ZAcceptStaffInvitation = z
  .object({
    token: zLine().min(1).max(200),
    password: ZNewPassword,
    confirmPassword: zLine(),
    code: z
      .string()
      .transform((v) => v.replace(/\s+/g, ""))
      .pipe(zLine().min(1, "Enter the 6-digit code from your authenticator app").regex(/^\d{6}$/, "Enter the code as 6 digits, like 123456")),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords do not match" });
  });

/** The button that accepts an invitation (new referrers; existing accounts, signed in). */
export const ZAcceptInvitation = z.object({ token: zLine().min(1).max(200) }).strict();
