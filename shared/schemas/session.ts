import { z } from "zod";
import { LIMITS } from "../limits";
import { EmailSchema, PasswordSchema, text } from "./common";

export const ROLES = ["organizer", "judge", "team", "teacher"] as const;
export type Role = (typeof ROLES)[number];

export const SignInSchema = z.strictObject({
  email: EmailSchema,
  // Any length is allowed at sign-in so that a short guess is simply wrong, not "invalid".
  password: z
    .string({ error: "Password must be text." })
    .min(1, { error: "Enter your password." })
    .max(LIMITS.passwordMax),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const SetupSchema = z.strictObject({
  token: z
    .string({ error: "The set-up link is not valid." })
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: "The set-up link is not valid." }),
  name: text(LIMITS.nameMax, "Your name"),
  email: EmailSchema,
  password: PasswordSchema,
});
export type Setup = z.infer<typeof SetupSchema>;

export const InviteAcceptSchema = z.strictObject({ password: PasswordSchema });
export type InviteAccept = z.infer<typeof InviteAcceptSchema>;

/** "Forgot your password?": the account's email. */
export const ResetRequestSchema = z.strictObject({ email: EmailSchema });
export type ResetRequest = z.infer<typeof ResetRequestSchema>;

/** The new password chosen with a reset link. */
export const ResetCompleteSchema = z.strictObject({ password: PasswordSchema });
export type ResetComplete = z.infer<typeof ResetCompleteSchema>;

export interface SessionUser {
  id: string;
  role: Role;
  name: string;
}
