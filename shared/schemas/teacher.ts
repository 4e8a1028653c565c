import { z } from "zod";
import { LIMITS } from "../limits";
import { EmailSchema, IdSchema, PasswordSchema, PhoneSchema, text } from "./common";
import { MemberSchema, TeamCreateSchema } from "./team";

/** The organizer invites a school's teacher: who they are and the school they bring. */
export const TeacherInviteSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Name"),
  email: EmailSchema,
  phone: PhoneSchema.nullable().optional(),
  school: text(LIMITS.schoolMax, "School"),
});
export type TeacherInvite = z.infer<typeof TeacherInviteSchema>;

/**
 * A teacher asks to join from the event page: who they are, a phone for the day, the school
 * they bring (one of the event's, or a new name) and a password. An organizer then decides.
 */
export const TeacherRequestSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Name"),
  email: EmailSchema,
  phone: PhoneSchema,
  school: text(LIMITS.schoolMax, "School"),
  password: PasswordSchema,
});
export type TeacherRequest = z.infer<typeof TeacherRequestSchema>;

/** An organizer's answer to a teacher's request. */
export const TeacherDecisionSchema = z.strictObject({
  decision: z.enum(["approve", "turn-down"], {
    error: 'Say "approve" or "turn-down".',
  }),
});
export type TeacherDecision = z.infer<typeof TeacherDecisionSchema>;

/** A pupil a teacher registers: a member without a school, since it is the teacher's. */
export const PupilSchema = MemberSchema.omit({ school: true });
export type Pupil = z.infer<typeof PupilSchema>;

/** One of the teams a teacher registers: a pupil's sign-up, the school being the teacher's. */
export const SchoolTeamCreateSchema = TeamCreateSchema.extend({
  members: z
    .array(PupilSchema, { error: "Members must be a list." })
    .min(1, { error: "A team needs at least one member." })
    .max(LIMITS.teamSizeCap, { error: `A team can have at most ${LIMITS.teamSizeCap} members.` }),
});
export type SchoolTeamCreate = z.infer<typeof SchoolTeamCreateSchema>;

/** A teacher registers several teams of their school at once: all of them, or none. */
export const SchoolTeamsCreateSchema = z.strictObject({
  teams: z
    .array(SchoolTeamCreateSchema, { error: "Teams must be a list." })
    .min(1, { error: "Add at least one team." })
    .max(LIMITS.schoolTeamsMax, {
      error: `Register at most ${LIMITS.schoolTeamsMax} teams at once.`,
    }),
});
export type SchoolTeamsCreate = z.infer<typeof SchoolTeamsCreateSchema>;
export type SchoolTeamsCreateInput = z.input<typeof SchoolTeamsCreateSchema>;
export type PupilInput = z.input<typeof PupilSchema>;

/** The teacher checks in their school's teams at the desk: all of them, or the ones named. */
export const SchoolCheckInSchema = z.strictObject({
  teamIds: z
    .array(IdSchema, { error: "Teams must be a list." })
    .min(1, { error: "Choose at least one team." })
    .max(LIMITS.schoolTeamsMax * 4, { error: "That is more teams than a school has." })
    .optional(),
});
export type SchoolCheckIn = z.infer<typeof SchoolCheckInSchema>;

/** A teacher moves one of their pupils to another of their school's teams. */
export const PupilMoveSchema = z.strictObject({ teamId: IdSchema });
export type PupilMove = z.infer<typeof PupilMoveSchema>;
