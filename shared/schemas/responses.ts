/**
 * What the HTTP API sends back, as zod schemas: the API reference (OpenAPI) is generated from
 * them, and test servers refuse to send a body that does not match its route's schema, so the
 * reference cannot drift from the code. Objects are strict: a field the server sends must be
 * documented here. tests/unit/responses.test.ts checks each schema against its type in
 * shared/api.ts, which the client uses.
 */
import { z } from "zod";
import { PHASES } from "../rules/clock";
import { ROLES } from "./session";
import { CONSENT_STATUSES } from "./team";

const Id = z.uuid();
const Instant = z.iso.datetime();
const Count = z.number().int().nonnegative();

export const PhaseSchema = z.enum(PHASES);
export const RoleSchema = z.enum(ROLES);
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES);
export const ConsentMethodSchema = z.enum(["link", "paper", "phone"]);
export const StagePhaseSchema = z.enum(["idle", "ready", "talk", "questions"]);

export const SessionUserSchema = z.strictObject({ id: Id, role: RoleSchema, name: z.string() });

export const CriterionViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  weight: z.number().int(),
  maxScore: z.number().int(),
});

export const SchoolOptionSchema = z.strictObject({ id: Id, name: z.string() });

export const SchoolViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  version: z.number().int(),
  members: z.number().int(),
  teams: z.number().int(),
  judges: z.number().int(),
});

export const CategoryViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  singleSchool: z.boolean(),
  tieBreakCriterion: z.string().nullable(),
  version: z.number().int(),
  criteria: z.array(CriterionViewSchema),
});

export const PrizeViewSchema = z.strictObject({
  id: Id,
  categoryId: Id,
  place: z.number().int(),
  title: z.string(),
  sponsor: z.string().nullable(),
  version: z.number().int(),
});

/** How guardians reach the organizers; each may be unset. */
export const OrganizerContactSchema = z.strictObject({
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const EventViewSchema = z.strictObject({
  id: Id,
  slug: z.string(),
  name: z.string(),
  venue: z.string(),
  timezone: z.string(),
  registrationOpensAt: Instant,
  registrationClosesAt: Instant,
  startsAt: Instant,
  submissionsCloseAt: Instant,
  endsAt: Instant,
  maxTeamSize: z.number().int(),
  maxAge: z.number().int(),
  contact: OrganizerContactSchema,
  phase: PhaseSchema,
  categories: z.array(CategoryViewSchema),
  prizes: z.array(PrizeViewSchema),
});

export const EventSummarySchema = z.strictObject({
  id: Id,
  slug: z.string(),
  name: z.string(),
  venue: z.string(),
  timezone: z.string(),
  startsAt: Instant,
  phase: PhaseSchema,
  purgeDueAt: Instant,
  purgedAt: Instant.nullable(),
});

export const JudgeViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  email: z.string(),
  schools: z.array(z.string()),
  categoryIds: z.array(Id),
  accepted: z.boolean(),
  version: z.number().int(),
});

export const TeacherViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  schoolId: Id,
  school: z.string(),
  accepted: z.boolean(),
  status: z
    .enum(["approved", "pending", "declined"])
    .describe("Invited: approved. A teacher's own request: pending, then approved or declined."),
});

export const ClockSchema = z.strictObject({
  serverTime: Instant,
  phase: PhaseSchema,
  startsAt: Instant,
  submissionsCloseAt: Instant,
  endsAt: Instant,
  paused: z.boolean(),
  target: Instant.nullable(),
  remainingMs: z.number(),
  version: z.number().int(),
});

export const ClockAdjustmentViewSchema = z.strictObject({
  id: Id,
  action: z.enum(["pause", "resume", "extend", "start", "end"]),
  minutes: z.number().int().nullable(),
  at: Instant,
  by: z.string(),
});

export const AnnouncementSchema = z.strictObject({ id: Id, text: z.string(), at: Instant });
export const PostedAnnouncementSchema = AnnouncementSchema.extend({
  audience: z
    .enum(["everyone", "teachers"])
    .describe("The whole hall, or the event's teachers alone."),
});

export const MemberViewSchema = z.strictObject({
  id: Id,
  firstName: z.string(),
  lastName: z.string().nullable(),
  dateOfBirth: z.iso.date().nullable(),
  school: z.string(),
  guardian: z.strictObject({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  dietary: z.string().nullable(),
  medical: z.string().nullable(),
  arrived: z.boolean(),
  version: z.number().int(),
  consent: z.strictObject({
    status: ConsentStatusSchema,
    method: ConsentMethodSchema.nullable(),
    at: Instant.nullable(),
    photoConsent: z.boolean(),
    linkSentAt: Instant.nullable(),
    by: z.string().nullable().optional().describe("Organizers only: who gave the latest answer."),
    answeredBy: z
      .string()
      .nullable()
      .optional()
      .describe("Organizers only: who answered on paper or by phone."),
    note: z.string().nullable().optional().describe("Organizers only: the organizer's note."),
  }),
});

export const ConsentLinkSentSchema = z.strictObject({
  member: MemberViewSchema,
  delivery: z.enum(["email", "letter"]),
});

export const TeamViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  eventId: Id,
  eventSlug: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  contactEmail: z.string().nullable(),
  checkedIn: z.boolean(),
  checkedInAt: Instant.nullable(),
  version: z.number().int(),
  createdAt: Instant,
  members: z.array(MemberViewSchema),
});

export const ConsentRequestViewSchema = z.strictObject({
  firstName: z.string(),
  teamName: z.string(),
  eventName: z.string(),
  eventSlug: z.string(),
  venue: z.string(),
  timezone: z.string(),
  startsAt: Instant,
  endsAt: Instant,
  status: ConsentStatusSchema,
  photoConsent: z.boolean(),
  canAnswer: z.boolean().describe("Whether this link may still record an answer."),
  contact: OrganizerContactSchema,
  covers: z.array(z.string()),
  dataCollected: z.array(z.string()),
  whoSees: z.string(),
  retention: z.string(),
});

export const OutboxViewSchema = z.strictObject({
  id: Id,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
  error: z.string().nullable(),
  status: z.enum(["waiting", "sent", "failed", "answered", "replaced"]),
  consent: z
    .strictObject({ memberId: Id, firstName: z.string(), teamName: z.string(), link: z.url() })
    .nullable(),
});

export const SubmissionViewSchema = z.strictObject({
  teamId: Id,
  teamName: z.string(),
  categoryId: Id,
  title: z.string(),
  summary: z.string(),
  repoUrl: z.string().nullable(),
  demoUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  builtWith: z.array(z.string()),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const SubmissionVersionViewSchema = z.strictObject({
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  repoUrl: z.string().nullable(),
  demoUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  builtWith: z.array(z.string()),
  savedAt: Instant,
  withdrawnAt: Instant.nullable(),
});

export const ResetLinkViewSchema = z.strictObject({ resetUrl: z.string(), expiresAt: Instant });
export const ResetViewSchema = z.strictObject({ email: z.string(), expiresAt: Instant });

export const SubmissionWithdrawnSchema = z.strictObject({
  submission: SubmissionViewSchema.nullable(),
  versions: z.array(SubmissionVersionViewSchema),
});

export const CriterionCommentSchema = z.strictObject({ text: z.string(), shared: z.boolean() });

/** Keyed by criterion id. */
const ByCriterion = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const AssignmentViewSchema = z.strictObject({
  teamId: Id,
  teamName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  schools: z.array(z.string()),
  submission: SubmissionViewSchema.nullable(),
  criteria: z.array(CriterionViewSchema),
  myScores: ByCriterion(z.number().int()),
  myComment: z.string().nullable(),
  myCommentShared: z.boolean(),
  myCriterionComments: ByCriterion(CriterionCommentSchema),
  version: z.number().int(),
  complete: z.boolean(),
});

export const ScoreSavedSchema = z.strictObject({
  teamId: Id,
  scores: ByCriterion(z.number().int()),
  comment: z.string().nullable(),
  commentShared: z.boolean(),
  criterionComments: ByCriterion(CriterionCommentSchema),
  version: z.number().int(),
  complete: z.boolean(),
  updatedAt: Instant,
});

export const ScoreLogEntrySchema = z.strictObject({
  id: z.number().int(),
  judgeName: z.string(),
  teamName: z.string(),
  criterionName: z.string().nullable(),
  oldValue: z.number().int().nullable(),
  newValue: z.number().int().nullable(),
  oldComment: z.string().nullable(),
  newComment: z.string().nullable(),
  oldShared: z.boolean().nullable(),
  newShared: z.boolean().nullable(),
  at: Instant,
  by: z.string().nullable(),
});

export const LeaderboardTeamSchema = z.strictObject({
  teamId: Id,
  teamName: z.string(),
  categoryId: Id,
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  z: z.number().nullable(),
  tieBreak: z.number().nullable(),
  normalizedScore: z.number().nullable(),
  judgeCount: Count,
  inProgress: Count,
  wins: Count,
  tied: z.boolean(),
});

export const ScaleSchema = z.strictObject({ mean: z.number(), sd: z.number() });

export const LeaderboardSchema = z.strictObject({
  version: z.number().int(),
  locked: z.boolean(),
  scale: ScaleSchema,
  categories: z.array(
    z.strictObject({
      categoryId: Id,
      name: z.string(),
      normalized: z.boolean(),
      teams: z.array(LeaderboardTeamSchema),
    }),
  ),
});

export const JudgingProgressSchema = z.strictObject({
  version: z.number().int(),
  judgesPerTeam: z.number().int(),
  judges: z.array(
    z.strictObject({
      judgeId: Id,
      name: z.string(),
      scored: Count,
      assigned: Count,
      handPicked: z.boolean(),
      categoryIds: z.array(Id),
    }),
  ),
  teams: z.array(
    z.strictObject({ teamId: Id, teamName: z.string(), categoryId: Id, judges: Count }),
  ),
  cells: z.array(
    z.strictObject({
      judgeId: Id,
      teamId: Id,
      state: z.enum(["scored", "in-progress", "not-started"]),
      manual: z.boolean(),
    }),
  ),
  unjudgeable: z.array(Id),
});

export const AwardSchema = z.strictObject({
  categoryId: Id,
  category: z.string(),
  place: z.number().int(),
  prize: z.string(),
  sponsor: z.string().nullable(),
  teamName: z.string(),
  school: z.string(),
  projectTitle: z.string().nullable(),
});

export const MyTeamViewSchema = z.strictObject({
  team: TeamViewSchema,
  project: z
    .strictObject({ title: z.string(), version: z.number().int(), updatedAt: Instant })
    .nullable(),
  awards: z.array(AwardSchema),
});

export const CeremonyStateSchema = z.strictObject({
  version: z.number().int(),
  started: z.boolean(),
  blank: z.boolean(),
  revealed: z.array(AwardSchema),
  finished: z.boolean(),
  toGive: z.array(z.strictObject({ categoryId: Id, count: Count })),
});

export const CeremonyPlanSchema = z.strictObject({
  locked: z.boolean(),
  state: CeremonyStateSchema,
  scoresHash: z.string().nullable(),
  awards: z.array(
    z.strictObject({
      id: Id,
      position: z.number().int(),
      categoryId: Id,
      category: z.string(),
      place: z.number().int(),
      prize: z.string(),
      sponsor: z.string().nullable(),
      team: z
        .strictObject({
          id: Id,
          name: z.string(),
          school: z.string(),
          projectTitle: z.string().nullable(),
        })
        .nullable(),
      candidates: z.array(z.strictObject({ id: Id, name: z.string(), school: z.string() })),
      revealed: z.boolean(),
    }),
  ),
  unawarded: z.array(
    z.strictObject({
      categoryId: Id,
      category: z.string(),
      place: z.number().int(),
      prize: z.string(),
    }),
  ),
  next: z.string().nullable(),
});

export const CertificateEventSchema = z.strictObject({
  name: z.string(),
  venue: z.string(),
  startsAt: Instant,
  endsAt: Instant,
  timezone: z.string(),
});

export const CertificateTeamSchema = z.strictObject({
  teamId: Id,
  teamName: z.string(),
  categoryId: Id,
  category: z.string(),
  school: z.string(),
  members: z.array(
    z.strictObject({
      id: Id,
      firstName: z.string(),
      lastName: z.string().nullable(),
      school: z.string(),
    }),
  ),
  projectTitle: z.string().nullable(),
  final: z.boolean(),
  award: z
    .strictObject({
      place: z.number().int(),
      prize: z.string(),
      sponsor: z.string().nullable(),
    })
    .nullable(),
});

export const CertificatesSchema = z.strictObject({
  event: CertificateEventSchema,
  teams: z.array(CertificateTeamSchema),
});

export const TeamCertificatesSchema = z.strictObject({
  event: CertificateEventSchema,
  team: CertificateTeamSchema,
});

export const StageTeamSchema = z.strictObject({
  id: Id,
  name: z.string(),
  projectTitle: z.string().nullable(),
});

export const StageStateSchema = z.strictObject({
  version: z.number().int(),
  serverTime: Instant,
  phase: StagePhaseSchema,
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  team: StageTeamSchema.nullable(),
  upNext: StageTeamSchema.nullable(),
  phaseStartedAt: Instant.nullable(),
  phaseEndsAt: Instant.nullable(),
  talkSeconds: z.number().int(),
  questionsSeconds: z.number().int(),
  remaining: Count,
});

export const PresentationSlotSchema = z.strictObject({
  teamId: Id,
  teamName: z.string(),
  projectTitle: z.string().nullable(),
  position: z.number().int(),
  skipped: z.boolean(),
  presented: z.boolean(),
});

export const PresentationOrderViewSchema = z.strictObject({
  categoryId: Id,
  categoryName: z.string(),
  talkSeconds: z.number().int(),
  questionsSeconds: z.number().int(),
  slots: z.array(PresentationSlotSchema),
});

export const PresentationsViewSchema = z.strictObject({
  stage: StageStateSchema,
  categories: z.array(PresentationOrderViewSchema),
});

export const JudgeStageViewSchema = z.strictObject({
  phase: StagePhaseSchema,
  categoryName: z.string().nullable(),
  team: StageTeamSchema,
  canScore: z.boolean(),
});

export const FeedbackCardSchema = z.strictObject({
  label: z.string(),
  overall: z.string().nullable(),
  criteria: z.array(
    z.strictObject({ criterionId: Id, criterionName: z.string(), text: z.string() }),
  ),
});

export const TeamFeedbackSchema = z.strictObject({
  released: z.boolean(),
  eventName: z.string(),
  releasedAt: Instant.nullable(),
  teamName: z.string(),
  categoryName: z.string(),
  projectTitle: z.string().nullable(),
  cards: z.array(FeedbackCardSchema),
});

export const FeedbackCommentSchema = z.strictObject({
  judgeId: Id,
  judgeName: z.string(),
  criterionId: Id.nullable(),
  criterionName: z.string().nullable(),
  text: z.string(),
  original: z.string(),
  shared: z.boolean(),
  hidden: z.boolean(),
  edited: z.boolean(),
  version: z.number().int(),
  changedBy: z.string().nullable(),
  changedAt: Instant.nullable(),
});

export const FeedbackOverviewSchema = z.strictObject({
  locked: z.boolean(),
  canRelease: z.boolean(),
  categories: z.array(
    z.strictObject({
      categoryId: Id,
      categoryName: z.string(),
      releasedAt: Instant.nullable(),
      teams: z.array(
        z.strictObject({
          teamId: Id,
          teamName: z.string(),
          comments: z.array(FeedbackCommentSchema),
        }),
      ),
    }),
  ),
});

export const CommentModerationEntrySchema = z.strictObject({
  at: Instant,
  action: z.enum(["hidden", "shown", "edited", "restored", "withdrawn"]),
  teamName: z.string(),
  judgeName: z.string(),
  criterionName: z.string().nullable(),
  judgeText: z.string(),
  oldText: z.string().nullable(),
  newText: z.string().nullable(),
  by: z.string().nullable(),
});

export const LinkBaseViewSchema = z.strictObject({
  base: z.url(),
  fixed: z.boolean(),
  choices: z.array(z.url()),
  phonesCanOpen: z.boolean(),
});

/**
 * The backup download: every table's rows (as PostgreSQL's row_to_json gives them), streamed
 * as one JSON document, one row per line.
 */
export const ExportDocumentSchema = z.strictObject({
  format: z.literal("hmj-export"),
  schemaVersion: z.number().int(),
  exportedAt: Instant,
  tables: z.array(
    z.strictObject({ name: z.string(), rows: z.array(z.record(z.string(), z.unknown())) }),
  ),
});

export const CheckInMemberViewSchema = z.strictObject({
  id: Id,
  firstName: z.string(),
  school: z.string(),
  consent: ConsentStatusSchema,
  photoConsent: z.boolean(),
  arrivedAt: Instant.nullable(),
  inSince: Instant.nullable(),
  leftAt: Instant.nullable(),
});

export const CheckInTeamViewSchema = z.strictObject({
  id: Id,
  name: z.string(),
  categoryName: z.string(),
  tableNumber: z.string().nullable(),
  checkedInAt: Instant.nullable(),
  members: z.array(CheckInMemberViewSchema),
});

export const CheckInScanViewSchema = z.strictObject({
  team: CheckInTeamViewSchema,
  memberId: Id.nullable(),
});

export const ParticipantBadgeSchema = z.strictObject({
  kind: z.literal("participant"),
  memberId: Id,
  firstName: z.string(),
  teamName: z.string(),
  school: z.string(),
  categoryName: z.string(),
  tableNumber: z.string().nullable(),
  photoConsent: z.boolean(),
  link: z.url(),
});

export const StaffBadgeSchema = z.strictObject({
  kind: z.enum(["judge", "teacher", "organizer"]),
  id: Id,
  name: z.string(),
});

export const BadgeSheetViewSchema = z.strictObject({
  eventName: z.string(),
  badges: z.array(z.discriminatedUnion("kind", [ParticipantBadgeSchema, StaffBadgeSchema])),
});

export const PhotoListEntrySchema = z.strictObject({
  memberId: Id,
  firstName: z.string(),
  teamName: z.string(),
  tableNumber: z.string().nullable(),
  reason: z.enum(["no-photos", "no-answer"]),
});

export const CheckInCodeViewSchema = z.strictObject({ code: z.string(), link: z.url() });

export const SchoolContactSchema = z.strictObject({
  school: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
});

export const TeacherPupilSchema = z.strictObject({
  id: Id,
  firstName: z.string(),
  lastName: z.string().nullable(),
  consent: z.enum(["awaiting", "given", "refused"]),
  presence: z.enum(["not-arrived", "in", "left"]),
});

export const PupilLinkSentSchema = z.strictObject({
  pupil: TeacherPupilSchema,
  delivery: z.enum(["email", "letter"]),
});

export const SchoolTeamsRegisteredSchema = z.strictObject({
  teams: z.array(
    z.strictObject({
      id: Id,
      name: z.string(),
      categoryId: Id,
      pupils: z.array(
        z.strictObject({ id: Id, firstName: z.string(), lastName: z.string().nullable() }),
      ),
    }),
  ),
});

export const TeacherHomeSchema = z.strictObject({
  teacher: z.strictObject({
    id: Id,
    name: z.string(),
    phone: z.string().nullable(),
    status: z
      .enum(["approved", "pending", "declined"])
      .describe("A pending request sees no team, pupil or announcement."),
  }),
  school: z.strictObject({ id: Id, name: z.string() }),
  event: z.strictObject({ name: z.string(), slug: z.string() }),
  teams: z.array(
    z.strictObject({
      id: Id,
      name: z.string(),
      checkedIn: z.boolean(),
      projectTitle: z.string().nullable(),
      pupils: z.array(TeacherPupilSchema),
      otherPupils: z.number().int(),
      awards: z.array(AwardSchema).describe("Awards revealed at the ceremony; empty before."),
    }),
  ),
  announcements: z
    .array(AnnouncementSchema)
    .describe("The organizers' announcements for teachers alone, newest first."),
});

export const TeacherLettersSchema = z.strictObject({
  event: z.strictObject({
    name: z.string(),
    venue: z.string(),
    timezone: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
  }),
  school: z.string(),
  letters: z
    .array(z.strictObject({ pupilId: Id, firstName: z.string(), teamName: z.string() }))
    .describe("One per pupil of the school still waiting for a guardian; no link, no token."),
});

const list = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.strictObject({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>);
const one = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.strictObject({ [key]: item } as Record<K, T>);

/**
 * What each JSON GET route answers, keyed by its path under /api. The API reference uses these
 * very schemas (tests/unit/endpoints.test.ts checks it), and the client's typed requests take
 * their types from here, so a page cannot ask a path for a shape it does not send.
 */
export const GET_RESPONSES = {
  "/session": one("user", SessionUserSchema),
  "/setup/{token}": z.strictObject({ valid: z.literal(true) }),
  "/events": list("events", EventSummarySchema),
  "/events/{slug}": one("event", EventViewSchema),
  "/events/{slug}/judges": list("judges", JudgeViewSchema),
  "/invites/{token}": one(
    "invite",
    z.discriminatedUnion("role", [
      z.strictObject({
        role: z.literal("judge"),
        name: z.string(),
        eventName: z.string(),
        eventSlug: z.string(),
      }),
      z.strictObject({
        role: z.literal("teacher"),
        name: z.string(),
        school: z.string().describe("The school the teacher brings teams from."),
        eventName: z.string(),
        eventSlug: z.string(),
      }),
    ]),
  ),
  "/password-resets/{token}": one("reset", ResetViewSchema),
  "/events/{slug}/clock": ClockSchema,
  "/events/{slug}/clock/history": list("adjustments", ClockAdjustmentViewSchema),
  "/events/{slug}/announcements": list("announcements", AnnouncementSchema),
  "/events/{slug}/announcements/teachers": list("announcements", AnnouncementSchema),
  "/events/{slug}/teams": list("teams", TeamViewSchema),
  "/events/{slug}/teams/{id}": one("team", TeamViewSchema),
  "/events/{slug}/schools": list("schools", SchoolOptionSchema),
  "/events/{slug}/schools/summary": list("schools", SchoolViewSchema),
  "/events/{slug}/check-in/roster": z.strictObject({
    teams: z.array(CheckInTeamViewSchema),
    contacts: z
      .array(SchoolContactSchema)
      .describe("Each school's teacher, whom to call about its pupils on the day."),
  }),
  "/events/{slug}/badges": BadgeSheetViewSchema,
  "/events/{slug}/photo-list": list("members", PhotoListEntrySchema),
  "/teams/me/check-in-code": CheckInCodeViewSchema,
  "/events/{slug}/outbox": z.strictObject({
    mailEnabled: z.boolean(),
    messages: z.array(OutboxViewSchema),
  }),
  "/teams/me": MyTeamViewSchema,
  "/consent/{token}": one("consent", ConsentRequestViewSchema),
  "/teams/me/submission": one("submission", SubmissionViewSchema),
  "/teams/me/submission/versions": list("versions", SubmissionVersionViewSchema),
  "/events/{slug}/submissions": z.strictObject({
    submissions: z.array(SubmissionViewSchema),
    missing: z
      .array(z.strictObject({ teamId: z.uuid(), teamName: z.string(), categoryId: z.uuid() }))
      .optional()
      .describe("Checked-in teams without a submission; organizers only."),
  }),
  "/events/{slug}/submissions/{teamId}/versions": list("versions", SubmissionVersionViewSchema),
  "/judging/assignments": z.strictObject({
    eventSlug: z.string(),
    locked: z.boolean(),
    teams: z.array(AssignmentViewSchema),
    stage: JudgeStageViewSchema.nullable(),
  }),
  "/events/{slug}/leaderboard": LeaderboardSchema,
  "/events/{slug}/judging/progress": JudgingProgressSchema,
  "/events/{slug}/scores/log": list("log", ScoreLogEntrySchema),
  "/events/{slug}/results": z.strictObject({ awards: z.array(AwardSchema), finished: z.boolean() }),
  "/events/{slug}/ceremony": CeremonyPlanSchema,
  "/events/{slug}/certificates": CertificatesSchema,
  "/teams/me/certificates": TeamCertificatesSchema,
  "/events/{slug}/stage": StageStateSchema,
  "/events/{slug}/presentations": PresentationsViewSchema,
  "/events/{slug}/feedback": FeedbackOverviewSchema,
  "/events/{slug}/feedback/log": list("log", CommentModerationEntrySchema),
  "/teams/me/feedback": TeamFeedbackSchema,
  "/settings/links": LinkBaseViewSchema,
  "/events/{slug}/teachers": list("teachers", TeacherViewSchema),
  "/teachers/me": TeacherHomeSchema,
  "/teachers/me/letters": TeacherLettersSchema,
} as const;

/**
 * What each write (POST, PUT, PATCH, DELETE) answers, keyed by its method and path under /api;
 * null for a 204 with no body. The API reference documents these very schemas, and the
 * client's `api.send` takes its types from here, as reads do from GET_RESPONSES
 * (tests/unit/mutations.test.ts checks every write has an entry).
 */
export const MUTATION_RESPONSES = {
  "POST /session": one("user", SessionUserSchema),
  "DELETE /session": null,
  "POST /setup": one("user", SessionUserSchema),
  "POST /events/{slug}/purge": z.strictObject({
    purged: z.literal(true),
    members: z.number().int(),
    teams: z.number().int(),
  }),
  "POST /events": one("event", EventViewSchema),
  "PATCH /events/{slug}": one("event", EventViewSchema),
  "POST /events/{slug}/categories": one("category", CategoryViewSchema),
  "PUT /events/{slug}/categories/{id}": one("category", CategoryViewSchema),
  "DELETE /events/{slug}/categories/{id}": null,
  "POST /events/{slug}/categories/{id}/ranking": LeaderboardSchema,
  "POST /events/{slug}/prizes": one("prize", PrizeViewSchema),
  "PATCH /events/{slug}/prizes/{id}": one("prize", PrizeViewSchema),
  "DELETE /events/{slug}/prizes/{id}": null,
  "POST /events/{slug}/judges": z.strictObject({ judge: JudgeViewSchema, inviteUrl: z.url() }),
  "PUT /events/{slug}/judges/{id}": one("judge", JudgeViewSchema),
  "POST /events/{slug}/judges/{id}/invite": z.strictObject({ inviteUrl: z.url() }),
  "PUT /events/{slug}/judges/{id}/assignments": JudgingProgressSchema,
  "POST /invites/{token}": one("user", SessionUserSchema),
  "POST /events/{slug}/teachers": z.strictObject({
    teacher: TeacherViewSchema,
    inviteUrl: z.url(),
  }),
  "POST /events/{slug}/teachers/{id}/invite": z.strictObject({ inviteUrl: z.url() }),
  "POST /events/{slug}/teachers/requests": one("user", SessionUserSchema),
  "POST /events/{slug}/teachers/{id}/decision": one("teacher", TeacherViewSchema),
  "POST /teachers/me/teams": SchoolTeamsRegisteredSchema,
  "POST /teachers/me/pupils/{id}/consent-link": PupilLinkSentSchema,
  "POST /teachers/me/pupils/{id}/move": TeacherHomeSchema,
  "POST /teachers/me/check-in": TeacherHomeSchema,
  "POST /password-resets": z.strictObject({ sent: z.literal(true) }),
  "POST /password-resets/{token}": one("user", SessionUserSchema),
  "POST /events/{slug}/teams/{id}/password-reset": ResetLinkViewSchema,
  "POST /events/{slug}/judges/{id}/password-reset": ResetLinkViewSchema,
  "POST /events/{slug}/clock": ClockSchema,
  "POST /events/{slug}/announcements": one("announcement", PostedAnnouncementSchema),
  "DELETE /events/{slug}/announcements/{id}": null,
  "POST /events/{slug}/teams": one("team", TeamViewSchema),
  "PATCH /events/{slug}/schools/{id}": one("school", SchoolViewSchema),
  "POST /events/{slug}/schools/{id}/merge": one("school", SchoolViewSchema),
  "POST /events/{slug}/teams/{id}/members/{memberId}/consent": one("team", TeamViewSchema),
  "POST /events/{slug}/teams/{id}/members/{memberId}/consent-link": ConsentLinkSentSchema,
  "POST /events/{slug}/teams/{id}/check-in": one("team", TeamViewSchema),
  "POST /events/{slug}/check-in/scan": CheckInScanViewSchema,
  "POST /events/{slug}/check-in/members": one("team", CheckInTeamViewSchema),
  "POST /events/{slug}/check-out/members": one("team", CheckInTeamViewSchema),
  "POST /events/{slug}/check-out/everyone": z.strictObject({
    checkedOut: z.number().int().nonnegative(),
  }),
  "PUT /events/{slug}/teams/{id}/table": one("team", CheckInTeamViewSchema),
  "PATCH /events/{slug}/teams/{id}": one("team", TeamViewSchema),
  "PATCH /events/{slug}/teams/{id}/members/{memberId}": one("team", TeamViewSchema),
  "PATCH /teams/me/members/{id}": one("team", TeamViewSchema),
  "DELETE /events/{slug}/teams/{id}/check-in": one("team", TeamViewSchema),
  "DELETE /events/{slug}/teams/{id}/members/{memberId}/consent": one("team", TeamViewSchema),
  "POST /teams/me/members": one("member", MemberViewSchema),
  "POST /teams/me/members/{id}/consent-link": ConsentLinkSentSchema,
  "DELETE /teams/me/members/{id}": null,
  "POST /consent/{token}": z.strictObject({
    status: z.enum(["given", "refused"]),
    photoConsent: z.boolean(),
  }),
  "PUT /teams/me/submission": one("submission", SubmissionViewSchema),
  "POST /events/{slug}/submissions/{teamId}/withdraw": SubmissionWithdrawnSchema,
  "PUT /judging/scores/{teamId}": ScoreSavedSchema,
  "PUT /events/{slug}/judging/panels": JudgingProgressSchema,
  "POST /events/{slug}/judging/panels/even-out": z.strictObject({
    moved: z.number().int(),
    progress: JudgingProgressSchema,
  }),
  "POST /events/{slug}/scoring/lock": z.strictObject({
    locked: z.literal(true),
    lockedAt: z.iso.datetime(),
  }),
  "POST /events/{slug}/ceremony/next": one("award", AwardSchema),
  "POST /events/{slug}/ceremony/screen": CeremonyPlanSchema,
  "POST /events/{slug}/awards/{id}/team": CeremonyPlanSchema,
  "POST /events/{slug}/stage": StageStateSchema,
  "PUT /events/{slug}/presentations/{categoryId}": PresentationsViewSchema,
  "POST /events/{slug}/presentations/{categoryId}/shuffle": PresentationsViewSchema,
  "PUT /events/{slug}/presentations/{categoryId}/teams/{teamId}": PresentationsViewSchema,
  "POST /events/{slug}/feedback/release": z.strictObject({
    releasedAt: z.iso.datetime().nullable(),
    categories: z.array(z.strictObject({ categoryId: z.uuid(), releasedAt: z.iso.datetime() })),
  }),
  "PATCH /events/{slug}/feedback/comments": one("comment", FeedbackCommentSchema),
  "PUT /settings/links": LinkBaseViewSchema,
} as const;
