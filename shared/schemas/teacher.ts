import { z } from "zod";
import { LIMITS } from "../limits";
import { EmailSchema, PhoneSchema, text } from "./common";

/** The organizer invites a school's teacher: who they are and the school they bring. */
export const TeacherInviteSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Name"),
  email: EmailSchema,
  phone: PhoneSchema.nullable().optional(),
  school: text(LIMITS.schoolMax, "School"),
});
export type TeacherInvite = z.infer<typeof TeacherInviteSchema>;
