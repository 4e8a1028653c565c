import { STAGE_WARNING_MS } from "./rules/stage";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** Every numeric limit the app enforces, in one place so the client can explain them. */
export const LIMITS = {
  passwordMin: 8,
  passwordMax: 200,
  nameMax: 80,
  emailMax: 254,
  eventNameMax: 120,
  slugMin: 3,
  slugMax: 60,
  venueMax: 200,
  descriptionMax: 2000,
  schoolMax: 120,
  schoolsPerJudgeMax: 10,
  criteriaMin: 1,
  criteriaMax: 10,
  weightMin: 1,
  weightMax: 10,
  maxScoreMin: 1,
  maxScoreMax: 20,
  placeMin: 1,
  placeMax: 10,
  prizeTitleMax: 120,
  sponsorMax: 120,
  announcementMax: 500,
  extendMaxMinutes: 12 * 60,
  announcementsShown: 20,
  teamNameMax: 60,
  /** A table's name on the venue's floor plan ("12", "B4"). */
  tableNumberMax: 10,
  /** What a scanner may send: a check-in link with its code, well within this. */
  scannedTextMax: 500,
  projectTitleMax: 100,
  summaryMax: 5000,
  urlMax: 500,
  tagMax: 40,
  tagsMax: 20,
  commentMax: 2000,
  /** A comment on one criterion: a sentence or two. */
  criterionCommentMax: 500,
  talkSecondsMin: 30,
  talkSecondsMax: 30 * 60,
  questionsSecondsMax: 30 * 60,
  defaultTalkSeconds: 3 * 60,
  defaultQuestionsSeconds: 2 * 60,
  /** The stage timer turns amber this long before the slot ends. */
  stageWarningMs: STAGE_WARNING_MS,
  /** Judges on each team's panel: the default, and the range the organizer may set. */
  judgesPerTeamDefault: 3,
  judgesPerTeamMin: 1,
  judgesPerTeamMax: 10,
  phoneMax: 30,
  /** An organizer's note on a consent answer they recorded. */
  consentNoteMax: 200,
  notesMax: 500,
  defaultMaxTeamSize: 4,
  teamSizeCap: 10,
  /** Teams a school's teacher registers in one request. */
  schoolTeamsMax: 12,
  defaultMaxAge: 18,
  maxAgeCap: 25,
  /** Failed sign-ins for one account within the window before it answers 429. */
  signInFailuresAllowed: 5,
  signInWindowMs: 15 * 60 * 1000,
  /** A session ends after this long without use, and in any case after the absolute lifetime. */
  sessionIdleMs: 24 * 60 * 60 * 1000,
  sessionAbsoluteMs: 7 * 24 * 60 * 60 * 1000,
  jsonBodyBytes: 1024 * 1024,
  /**
   * A browser that signed in to an account before may still sign in to it while strangers'
   * failures lock it (with a lock of its own after as many failures), for this long.
   */
  trustedDeviceMs: 180 * 24 * HOUR,
  /**
   * Requests per network address (and per account where one is signed in): `max` at once,
   * refilled evenly over the window. A school signing up its teams or a class signing in
   * from one network stays far below them; RATE_LIMITS=off turns them off.
   */
  rates: {
    signIn: { max: 100, windowMs: 15 * MINUTE },
    signUp: { max: 40, windowMs: HOUR },
    consent: { max: 120, windowMs: 15 * MINUTE },
    invite: { max: 40, windowMs: 15 * MINUTE },
    /** "Forgot your password?" requests, and uses of a reset link. */
    passwordReset: { max: 20, windowMs: 15 * MINUTE },
    /** Writes by one signed-in account that send mail or make invite links. */
    mailingAccount: { max: 60, windowMs: HOUR },
  },
  /** Emails queued to one address within an hour; more wait in the outbox, not sent. */
  mailsPerAddressPerHour: 6,
  /** Password hashes computed at once, and waiting, before sign-ins are asked to retry. */
  hashingQueue: 16,
  /**
   * A member's consent link can be sent again this long after the last one: enough for a
   * guardian who lost the email, too slow to flood their inbox.
   */
  consentLinkResendMs: 5 * 60 * 1000,
  /** A link to choose a new password works once, for this long. */
  passwordResetMs: 24 * HOUR,
  /**
   * A new password link is mailed on request at most this often per account; asking again
   * sooner answers the same and mails nothing, so nobody can flood an inbox.
   */
  passwordResetMailMs: 5 * 60 * 1000,
} as const;

export type RateName = keyof typeof LIMITS.rates;
