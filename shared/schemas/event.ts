import { z } from "zod";
import { LIMITS } from "../limits";
import { timesInOrder } from "../rules/clock";
import { isTimeZone } from "../rules/timezones";
import {
  EmailSchema,
  IdSchema,
  InstantSchema,
  multilineText,
  optionalMultilineText,
  optionalText,
  PhoneSchema,
  text,
} from "./common";
import { SchoolNameSchema } from "./school";

const RESERVED_SLUGS = new Set(["new", "edit", "settings", "api", "admin"]);

export const SlugSchema = z
  .string({ error: "The web address must be text." })
  .trim()
  .toLowerCase()
  .min(LIMITS.slugMin, { error: `Use at least ${LIMITS.slugMin} characters.` })
  .max(LIMITS.slugMax, { error: `Use at most ${LIMITS.slugMax} characters.` })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "Use lowercase letters, numbers and single hyphens, like hmj-2026.",
  })
  // These words are pages of the organizer's area (/organize/new), so no event may take them.
  .refine((v) => !RESERVED_SLUGS.has(v), {
    error: "That web address is reserved. Choose another.",
  });

const eventFields = {
  name: text(LIMITS.eventNameMax, "Event name"),
  venue: text(LIMITS.venueMax, "Venue"),
  timezone: z
    .string({ error: "Time zone must be text." })
    .trim()
    .max(100, { error: "Choose a time zone like Europe/London." })
    .refine(isTimeZone, { error: "Choose a time zone like Europe/London." }),
  registrationOpensAt: InstantSchema,
  registrationClosesAt: InstantSchema,
  startsAt: InstantSchema,
  submissionsCloseAt: InstantSchema,
  endsAt: InstantSchema,
  maxTeamSize: z
    .int({ error: "Team size must be a whole number." })
    .min(1, { error: "A team needs room for at least 1 member." })
    .max(LIMITS.teamSizeCap, { error: `Teams can have at most ${LIMITS.teamSizeCap} members.` }),
  maxAge: z
    .int({ error: "Age must be a whole number." })
    .min(5, { error: "The age limit must be at least 5." })
    .max(LIMITS.maxAgeCap, { error: `The age limit must be at most ${LIMITS.maxAgeCap}.` }),
  /** How guardians reach the organizers (the consent page shows it); null clears it. */
  contactEmail: EmailSchema.nullable().optional(),
  contactPhone: PhoneSchema.nullable().optional(),
};

type TimeKey =
  | "registrationOpensAt"
  | "registrationClosesAt"
  | "startsAt"
  | "submissionsCloseAt"
  | "endsAt";

export const TIME_KEYS: readonly TimeKey[] = [
  "registrationOpensAt",
  "registrationClosesAt",
  "startsAt",
  "submissionsCloseAt",
  "endsAt",
];

export const EventCreateSchema = z
  .strictObject({
    ...eventFields,
    slug: SlugSchema,
    maxTeamSize: eventFields.maxTeamSize.default(LIMITS.defaultMaxTeamSize),
    maxAge: eventFields.maxAge.default(LIMITS.defaultMaxAge),
  })
  .superRefine((event, ctx) => {
    // Zod runs this even when a field failed; compare times only once all five parsed.
    if (!TIME_KEYS.every((k) => (event[k] as unknown) instanceof Date)) return;
    for (const p of timesInOrder(event))
      ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
  });
export type EventCreate = z.infer<typeof EventCreateSchema>;
export type EventCreateInput = z.input<typeof EventCreateSchema>;

/** Any field of the create body but the slug. Time order is checked against the stored times too. */
export const EventUpdateSchema = z
  .strictObject({
    name: eventFields.name.optional(),
    venue: eventFields.venue.optional(),
    timezone: eventFields.timezone.optional(),
    registrationOpensAt: eventFields.registrationOpensAt.optional(),
    registrationClosesAt: eventFields.registrationClosesAt.optional(),
    startsAt: eventFields.startsAt.optional(),
    submissionsCloseAt: eventFields.submissionsCloseAt.optional(),
    endsAt: eventFields.endsAt.optional(),
    maxTeamSize: eventFields.maxTeamSize.optional(),
    maxAge: eventFields.maxAge.optional(),
    contactEmail: eventFields.contactEmail,
    contactPhone: eventFields.contactPhone,
  })
  .refine((v) => Object.keys(v).length > 0, { error: "Change at least one field." });
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

export const CriterionCreateSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Criterion name"),
  description: optionalMultilineText(LIMITS.descriptionMax, "Description"),
  weight: z
    .int({ error: "Weight must be a whole number." })
    .min(LIMITS.weightMin, { error: `Weight must be at least ${LIMITS.weightMin}.` })
    .max(LIMITS.weightMax, { error: `Weight must be at most ${LIMITS.weightMax}.` }),
  maxScore: z
    .int({ error: "Maximum score must be a whole number." })
    .min(LIMITS.maxScoreMin, { error: `Maximum score must be at least ${LIMITS.maxScoreMin}.` })
    .max(LIMITS.maxScoreMax, { error: `Maximum score must be at most ${LIMITS.maxScoreMax}.` }),
});
export type CriterionCreate = z.infer<typeof CriterionCreateSchema>;

/** Criteria names differ, and the tie-break names one of them. */
function checkCriteria(
  cat: { criteria: readonly { name: string }[]; tieBreakCriterion?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  // Zod runs this even when a field failed: check only well-formed criteria.
  if (!Array.isArray(cat.criteria)) return;
  const seen = new Set<string>();
  cat.criteria.forEach((c, i) => {
    if (typeof c?.name !== "string") return;
    const key = c.name.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({
        code: "custom",
        path: ["criteria", i, "name"],
        message: "Each criterion needs a different name.",
      });
    seen.add(key);
  });
  if (
    typeof cat.tieBreakCriterion === "string" &&
    cat.tieBreakCriterion &&
    !seen.has(cat.tieBreakCriterion.toLowerCase())
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["tieBreakCriterion"],
      message: "The tie-break must be one of this category's criteria.",
    });
  }
}

export const CategoryCreateSchema = z
  .strictObject({
    name: text(LIMITS.nameMax, "Category name"),
    description: optionalMultilineText(LIMITS.descriptionMax, "Description"),
    singleSchool: z.boolean({
      error: "Say whether all members must be from one school (true or false).",
    }),
    criteria: z
      .array(CriterionCreateSchema, { error: "Criteria must be a list." })
      .min(LIMITS.criteriaMin, { error: "Add at least one criterion." })
      .max(LIMITS.criteriaMax, { error: `Use at most ${LIMITS.criteriaMax} criteria.` }),
    tieBreakCriterion: optionalText(LIMITS.nameMax, "Tie-break criterion"),
  })
  .superRefine(checkCriteria);
export type CategoryCreate = z.infer<typeof CategoryCreateSchema>;
export type CategoryCreateInput = z.input<typeof CategoryCreateSchema>;

/**
 * A category as edited: the whole of it, with the version the editor saw. Criteria with an id
 * are kept (and changed), those without are new, and existing ones left out are removed; their
 * order is the list's. Once judges have scored in the category, weights, maximums and the list
 * of criteria stay as they are (the server says why).
 */
export const CategoryEditSchema = z
  .strictObject({
    version: z.int({ error: "Say which version you are changing." }).min(1),
    name: text(LIMITS.nameMax, "Category name"),
    description: optionalMultilineText(LIMITS.descriptionMax, "Description"),
    singleSchool: z.boolean({
      error: "Say whether all members must be from one school (true or false).",
    }),
    criteria: z
      .array(CriterionCreateSchema.extend({ id: IdSchema.optional() }), {
        error: "Criteria must be a list.",
      })
      .min(LIMITS.criteriaMin, { error: "Add at least one criterion." })
      .max(LIMITS.criteriaMax, { error: `Use at most ${LIMITS.criteriaMax} criteria.` }),
    tieBreakCriterion: optionalText(LIMITS.nameMax, "Tie-break criterion"),
  })
  .superRefine(checkCriteria);
export type CategoryEdit = z.infer<typeof CategoryEditSchema>;

export const PrizeCreateSchema = z.strictObject({
  categoryId: IdSchema,
  place: z
    .int({ error: "Place must be a whole number." })
    .min(LIMITS.placeMin, { error: "Place must be 1 or more." })
    .max(LIMITS.placeMax, { error: `Place must be at most ${LIMITS.placeMax}.` }),
  title: text(LIMITS.prizeTitleMax, "Prize"),
  sponsor: optionalText(LIMITS.sponsorMax, "Sponsor"),
});
export type PrizeCreate = z.infer<typeof PrizeCreateSchema>;

/** An edit of a prize, with the version the editor saw; a null sponsor clears it. */
export const PrizeEditSchema = z
  .strictObject({
    version: z.int({ error: "Say which version you are changing." }).min(1),
    categoryId: PrizeCreateSchema.shape.categoryId.optional(),
    place: PrizeCreateSchema.shape.place.optional(),
    title: PrizeCreateSchema.shape.title.optional(),
    sponsor: PrizeCreateSchema.shape.sponsor.nullable(),
  })
  .refine((v) => Object.keys(v).length > 1, { error: "Change at least one detail." });
export type PrizeEdit = z.infer<typeof PrizeEditSchema>;

export const JudgeInviteSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Name"),
  email: EmailSchema,
  schools: z
    .array(SchoolNameSchema, { error: "Schools must be a list." })
    .max(LIMITS.schoolsPerJudgeMax, {
      error: `List at most ${LIMITS.schoolsPerJudgeMax} schools.`,
    }),
  categoryIds: z
    .array(IdSchema, { error: "Categories must be a list." })
    .min(1, { error: "Choose at least one category to judge." }),
});
export type JudgeInvite = z.infer<typeof JudgeInviteSchema>;

/**
 * An edit of a judge, the whole of it, with the version the editor saw. A new declared school
 * takes the judge off that school's teams (their card there stops counting); a category taken
 * away takes them off its teams.
 */
export const JudgeEditSchema = JudgeInviteSchema.extend({
  version: z.int({ error: "Say which version you are changing." }).min(1),
});
export type JudgeEdit = z.infer<typeof JudgeEditSchema>;

/** Who an announcement is for: the whole hall (the default), or the schools' teachers alone. */
export const AnnouncementAudienceSchema = z.enum(["everyone", "teachers"], {
  error: 'Choose who it is for: "everyone" or "teachers".',
});
export type AnnouncementAudience = z.infer<typeof AnnouncementAudienceSchema>;

export const AnnouncementCreateSchema = z.strictObject({
  text: multilineText(LIMITS.announcementMax, "Announcement"),
  audience: AnnouncementAudienceSchema.default("everyone"),
});
export type AnnouncementCreate = z.infer<typeof AnnouncementCreateSchema>;
