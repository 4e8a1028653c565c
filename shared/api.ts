/** Shapes the HTTP API sends back (docs/design.md section 4). Dates travel as ISO strings. */
import type { z } from "zod";
import type { Announcement } from "./events";
import type { Phase } from "./rules/clock";
import type { RankedTeam, Scale, Standing } from "./rules/ranking";
import type { MUTATION_BODIES } from "./schemas/requests";
import type { GET_RESPONSES, MUTATION_RESPONSES } from "./schemas/responses";
import type { Role, SessionUser } from "./schemas/session";

export type { Phase, RankedTeam, Role, Scale, SessionUser, Standing };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export interface CriterionView {
  id: string;
  name: string;
  description: string | null;
  weight: number;
  maxScore: number;
}

export interface CategoryView {
  id: string;
  name: string;
  description: string | null;
  singleSchool: boolean;
  tieBreakCriterion: string | null;
  /** Bumped by every edit; an edit names the version it was made on. */
  version: number;
  criteria: CriterionView[];
}

export interface PrizeView {
  id: string;
  categoryId: string;
  place: number;
  title: string;
  sponsor: string | null;
  /** Bumped by every edit; an edit names the version it was made on. */
  version: number;
}

export interface EventView {
  id: string;
  slug: string;
  name: string;
  venue: string;
  timezone: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  startsAt: string;
  submissionsCloseAt: string;
  endsAt: string;
  maxTeamSize: number;
  maxAge: number;
  /** How guardians reach the organizers (the consent page shows it). */
  contact: OrganizerContact;
  phase: Phase;
  categories: CategoryView[];
  prizes: PrizeView[];
}

export interface OrganizerContact {
  email: string | null;
  phone: string | null;
}

export interface EventSummary {
  id: string;
  slug: string;
  name: string;
  venue: string;
  timezone: string;
  startsAt: string;
  phase: Phase;
  /** When the retention purge of children's personal data is due, and when it was done. */
  purgeDueAt: string;
  purgedAt: string | null;
}

export interface JudgeView {
  id: string;
  name: string;
  email: string;
  schools: string[];
  categoryIds: string[];
  accepted: boolean;
  /** Goes up with every edit; an edit names the version it changes. */
  version: number;
}

/** On the organizers' check-in roster: whom to call about a school's pupils on the day. */
export interface SchoolContact {
  school: string;
  name: string;
  phone: string | null;
}

/** For organizers: a school's teacher, the school's contact on the day. */
export interface TeacherView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  schoolId: string;
  school: string;
  accepted: boolean;
  /** Invited teachers are approved; a teacher's own request waits, then is approved or not. */
  status: TeacherStatus;
}

export type TeacherStatus = "approved" | "pending" | "declined";

/** One of a teacher's pupils: their name, consent and whether they are in the building. */
export interface TeacherPupil {
  id: string;
  firstName: string;
  lastName: string | null;
  consent: ConsentStatus;
  /** "in" since they checked in, "left" after checking out, "not-arrived" before. */
  presence: "not-arrived" | "in" | "left";
}

/** A team with pupils of the teacher's school; other schools' pupils are only counted. */
export interface TeacherTeam {
  id: string;
  name: string;
  checkedIn: boolean;
  projectTitle: string | null;
  pupils: TeacherPupil[];
  otherPupils: number;
  /** Awards revealed at the ceremony; empty before. */
  awards: Award[];
}

/** GET /api/teachers/me. */
export interface TeacherHome {
  /** A request still `pending` is shown nothing of any pupil: no teams, no announcements. */
  teacher: { id: string; name: string; phone: string | null; status: TeacherStatus };
  school: { id: string; name: string };
  event: { name: string; slug: string };
  teams: TeacherTeam[];
  /** The organizers' announcements for teachers alone, newest first. */
  announcements: Announcement[];
}

/**
 * GET /api/teachers/me/letters: a paper letter per pupil still waiting for a guardian. Never a
 * consent link or token (those are the guardian's), and only the pupil's first name.
 */
export interface TeacherLettersView {
  event: {
    name: string;
    venue: string;
    timezone: string;
    startsAt: string;
    endsAt: string;
    contactEmail: string | null;
    contactPhone: string | null;
  };
  school: string;
  letters: { pupilId: string; firstName: string; teamName: string }[];
}

/** POST /api/teachers/me/pupils/:id/consent-link: never the link, which is the guardian's. */
export interface PupilLinkSent {
  pupil: TeacherPupil;
  delivery: "email" | "letter";
}

/** POST /api/teachers/me/teams: the teams a teacher registered, with their pupils' ids. */
export interface SchoolTeamsRegistered {
  teams: {
    id: string;
    name: string;
    categoryId: string;
    pupils: { id: string; firstName: string; lastName: string | null }[];
  }[];
}

/** A school as anyone may see it, for choosing one at sign-up. */
export interface SchoolOption {
  id: string;
  name: string;
}

/** A school in the organizers' list. */
export interface SchoolView extends SchoolOption {
  /** Bumped by every rename or merge into it; a rename names the version it was made on. */
  version: number;
  members: number;
  teams: number;
  /** Judges who declared it (they never score its teams). */
  judges: number;
}

export interface Clock {
  serverTime: string;
  phase: Phase;
  startsAt: string;
  submissionsCloseAt: string;
  endsAt: string;
  paused: boolean;
  target: string | null;
  remainingMs: number;
  version: number;
}

export type ConsentStatus = "awaiting" | "given" | "refused";

/** A member as the team itself and organizers see them (personal data included). */
export interface MemberView {
  id: string;
  firstName: string;
  lastName: string | null;
  dateOfBirth: string | null;
  school: string;
  guardian: { name: string | null; email: string | null; phone: string | null };
  dietary: string | null;
  medical: string | null;
  /** Checked in at the desk at least once (kept after checking out): they took part. */
  arrived: boolean;
  /** Bumped by every edit; an edit names the version it was made on. */
  version: number;
  /** Status only: the consent link itself goes to the guardian, never to the team. */
  consent: {
    status: ConsentStatus;
    /** How the latest answer was given: the guardian's link, a paper form, or a phone call. */
    method: ConsentMethod | null;
    at: string | null;
    photoConsent: boolean;
    /** When the guardian's current link was sent (or printed), while no answer is recorded. */
    linkSentAt: string | null;
    /**
     * Organizers only: who gave the latest answer, the guardian's name as typed on the link's
     * page, or the organizer who recorded the paper form or phone call.
     */
    by?: string | null;
    /** Organizers only: who answered on paper or by phone, as the organizer wrote it down. */
    answeredBy?: string | null;
    /** Organizers only: the organizer's note on an answer they recorded. */
    note?: string | null;
  };
}

export type ConsentMethod = "link" | "paper" | "phone";

/** A member's consent link was sent again: by email, or as a new letter in the outbox. */
export interface ConsentLinkSent {
  member: MemberView;
  delivery: "email" | "letter";
}

export interface TeamView {
  id: string;
  name: string;
  eventId: string;
  eventSlug: string;
  categoryId: string;
  categoryName: string;
  contactEmail: string | null;
  checkedIn: boolean;
  checkedInAt: string | null;
  /** Bumped by every edit of the name or category. */
  version: number;
  createdAt: string;
  members: MemberView[];
}

/** What a team's own page shows beside the team: its project so far, and what it won. */
export interface MyTeamView {
  team: TeamView;
  /** The project handed in, or null before the first save. */
  project: { title: string; version: number; updatedAt: string } | null;
  /** The awards the team won, each once revealed at the ceremony. */
  awards: Award[];
}

export interface ConsentRequestView {
  firstName: string;
  teamName: string;
  eventName: string;
  eventSlug: string;
  venue: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  status: ConsentStatus;
  photoConsent: boolean;
  /**
   * Whether this link may still record an answer: until one is recorded, and again when the
   * organizers send a fresh link to a guardian who answered before.
   */
  canAnswer: boolean;
  contact: OrganizerContact;
  /** What consent covers, in plain words, shown on the guardian's page. */
  covers: string[];
  dataCollected: string[];
  whoSees: string;
  retention: string;
}

/**
 * Where an email stands: waiting (no mail server, or not tried yet), sent, failed; a consent
 * email is answered once its member's guardian has answered (by any means), and replaced once
 * a newer link was sent (the old one no longer works).
 */
export type OutboxStatus = "waiting" | "sent" | "failed" | "answered" | "replaced";

export interface OutboxView {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  status: OutboxStatus;
  /** A guardian's consent email: what its printed letter shows. */
  consent: {
    memberId: string;
    firstName: string;
    teamName: string;
    link: string;
  } | null;
}

export interface SubmissionView {
  teamId: string;
  teamName: string;
  categoryId: string;
  title: string;
  summary: string;
  repoUrl: string | null;
  demoUrl: string | null;
  videoUrl: string | null;
  builtWith: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SubmissionVersionView {
  version: number;
  title: string;
  summary: string;
  repoUrl: string | null;
  demoUrl: string | null;
  videoUrl: string | null;
  builtWith: string[];
  savedAt: string;
  /** When an organizer took this version out of judging; null while it may count. */
  withdrawnAt: string | null;
}

/** A one-time link to choose a new password, made by an organizer. */
export interface ResetLinkView {
  resetUrl: string;
  expiresAt: string;
}

/** What a reset link's page shows: whose password it sets, and until when. */
export interface ResetView {
  email: string;
  expiresAt: string;
}

/** A withdrawal's answer: the version that counts now (null: nothing handed in), and the history. */
export interface SubmissionWithdrawn {
  submission: SubmissionView | null;
  versions: SubmissionVersionView[];
}

export interface CriterionScoreView {
  id: string;
  name: string;
  description: string | null;
  weight: number;
  maxScore: number;
}

/** A team as a judge sees it: the project, the rubric and the judge's own scores only. */
export interface AssignmentView {
  teamId: string;
  teamName: string;
  categoryId: string;
  categoryName: string;
  schools: string[];
  submission: SubmissionView | null;
  criteria: CriterionScoreView[];
  myScores: Record<string, number>;
  myComment: string | null;
  /** Whether the overall comment is shared with the team (the default) or for organizers only. */
  myCommentShared: boolean;
  myCriterionComments: Record<string, CriterionComment>;
  version: number;
  /** Every criterion scored. */
  complete: boolean;
}

export interface CriterionComment {
  text: string;
  /** true: shared with the team once feedback is released; false: organizers only. */
  shared: boolean;
}

export interface ScoreSaved {
  teamId: string;
  scores: Record<string, number>;
  comment: string | null;
  commentShared: boolean;
  criterionComments: Record<string, CriterionComment>;
  version: number;
  complete: boolean;
  updatedAt: string;
}

/** A team's row on the leaderboard: its standing and its rank (shared/rules/ranking.ts). */
export type LeaderboardTeam = RankedTeam;

export interface LeaderboardCategory {
  categoryId: string;
  name: string;
  normalized: boolean;
  teams: LeaderboardTeam[];
}

export interface Leaderboard {
  version: number;
  locked: boolean;
  /** The spread of every complete card: normalized scores are z-scores mapped onto it. */
  scale: Scale;
  categories: LeaderboardCategory[];
}

/**
 * What changed on the leaderboard since version `from`: the standings that moved (ranks are
 * derived again from a category's standings) and the teams that left. A screen holding
 * version `from` applies it (shared/rules/judgingViews.ts); any other asks for the whole board.
 */
export interface LeaderboardChange {
  from: number;
  version: number;
  locked: boolean;
  scale: Scale;
  /** A team already on the board comes without its name and category (they did not change). */
  standings: StandingChange[];
  removed: string[];
}

export type StandingChange = Omit<Standing, "teamName" | "categoryId"> &
  Partial<Pick<Standing, "teamName" | "categoryId">>;

export type ProgressState = "scored" | "in-progress" | "not-started";

export interface ProgressJudge {
  judgeId: string;
  name: string;
  scored: number;
  assigned: number;
  /** The organizer chose this judge's teams; automatic panels leave them alone. */
  handPicked: boolean;
  categoryIds: string[];
}

export interface ProgressTeam {
  teamId: string;
  teamName: string;
  categoryId: string;
  /** Judges on the team's panel. */
  judges: number;
}

export interface ProgressCell {
  judgeId: string;
  teamId: string;
  state: ProgressState;
  /** Given by hand rather than by the automatic panels. */
  manual: boolean;
}

export interface JudgingProgress {
  version: number;
  /** How many judges each team's panel should have. */
  judgesPerTeam: number;
  judges: ProgressJudge[];
  teams: ProgressTeam[];
  /** One per seat on a panel. */
  cells: ProgressCell[];
  /** Teams nobody can judge: every judge of the category declared one of their schools, or none covers it. */
  unjudgeable: string[];
}

/** What changed in the progress grid since version `from`; applied like LeaderboardChange. */
export interface JudgingProgressChange {
  from: number;
  version: number;
  judgesPerTeam: number;
  judges: ProgressJudge[];
  removedJudges: string[];
  teams: ProgressTeam[];
  removedTeams: string[];
  cells: ProgressCell[];
  removedCells: { judgeId: string; teamId: string }[];
  unjudgeable: string[];
}

export interface Award {
  categoryId: string;
  category: string;
  place: number;
  prize: string;
  sponsor: string | null;
  teamName: string;
  school: string;
  projectTitle: string | null;
}

/** The event as its certificates name it. */
export interface CertificateEvent {
  name: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
}

/** A team's certificates: one for the team and one for each member who took part. */
export interface CertificateTeam {
  teamId: string;
  teamName: string;
  categoryId: string;
  category: string;
  school: string;
  /** Members who arrived at the event; a member who never came gets no certificate. */
  members: { id: string; firstName: string; lastName: string | null; school: string }[];
  projectTitle: string | null;
  /** The category's results are final (see shared/rules/certificates.ts). */
  final: boolean;
  /** Named only once final; null for taking part. */
  award: { place: number; prize: string; sponsor: string | null } | null;
}

/** The organizer's certificates: every team with a member who took part. */
export interface Certificates {
  event: CertificateEvent;
  teams: CertificateTeam[];
}

/** A team's own certificates, once its results are final. */
export interface TeamCertificates {
  event: CertificateEvent;
  team: CertificateTeam;
}

/** A reveal as pushed to screens: the award, and the ceremony's new version and whether it is over. */
export interface RevealedAward extends Award {
  version: number;
  finished: boolean;
}

export interface CeremonyState {
  version: number;
  started: boolean;
  blank: boolean;
  revealed: Award[];
  finished: boolean;
  /**
   * How many awards each category gives (a prize with no team to win it is not given): the
   * projector's title card says "2 prizes to give", not the 3 planned. Empty before the lock.
   */
  toGive: { categoryId: string; count: number }[];
}

/** The organizer's view of the ceremony: every award in reveal order, including the unrevealed. */
export interface CeremonyPlan {
  locked: boolean;
  state: CeremonyState;
  scoresHash: string | null;
  awards: {
    id: string;
    position: number;
    categoryId: string;
    category: string;
    place: number;
    prize: string;
    sponsor: string | null;
    team: { id: string; name: string; school: string; projectTitle: string | null } | null;
    /** Teams sharing this place, while the organizer has not chosen. */
    candidates: { id: string; name: string; school: string }[];
    revealed: boolean;
  }[];
  /** Prizes with no team to give them to (fewer ranked teams than places). */
  unawarded: { categoryId: string; category: string; place: number; prize: string }[];
  next: string | null;
}

/** Between presentations the stage is idle; a called team is ready; then it talks and answers questions. */
export type StagePhase = "idle" | "ready" | "talk" | "questions";

/** A team as the stage shows it: safe for the display (no members, no scores). */
export interface StageTeam {
  id: string;
  name: string;
  projectTitle: string | null;
}

/** What is on stage, sent to everyone on connect and on every change (`stage` event). */
export interface StageState {
  version: number;
  serverTime: string;
  phase: StagePhase;
  categoryId: string | null;
  categoryName: string | null;
  team: StageTeam | null;
  upNext: StageTeam | null;
  phaseStartedAt: string | null;
  /** When the talk or the questions run out; null when no timer runs. Past it, the slot is over time. */
  phaseEndsAt: string | null;
  talkSeconds: number;
  questionsSeconds: number;
  /** Teams of the category still to present (not skipped, not presented, not on stage). */
  remaining: number;
}

export interface PresentationSlot {
  teamId: string;
  teamName: string;
  projectTitle: string | null;
  position: number;
  skipped: boolean;
  presented: boolean;
}

export interface PresentationOrder {
  categoryId: string;
  categoryName: string;
  talkSeconds: number;
  questionsSeconds: number;
  slots: PresentationSlot[];
}

export interface PresentationsView {
  stage: StageState;
  categories: PresentationOrder[];
}

/** The team on stage as a judge's home shows it: first, with a link only when the judge may score it. */
export interface JudgeStageView {
  phase: StagePhase;
  categoryName: string | null;
  team: StageTeam;
  canScore: boolean;
}

/** One judge's shared comments for a team, without the judge's name. */
export interface FeedbackCard {
  label: string;
  overall: string | null;
  criteria: { criterionId: string; criterionName: string; text: string }[];
}

/** A team's feedback: empty until the organizer releases its category's after the ceremony. */
export interface TeamFeedback {
  released: boolean;
  eventName: string;
  releasedAt: string | null;
  teamName: string;
  categoryName: string;
  projectTitle: string | null;
  cards: FeedbackCard[];
}

/**
 * One judge comment as the organizer sees it: the judge's own words, what the team reads
 * (`text`: the organizer's wording when edited), and whether it is hidden. `version` is sent
 * back with a change, so an organizer never overwrites a change they have not seen.
 */
export interface FeedbackComment {
  judgeId: string;
  judgeName: string;
  criterionId: string | null;
  criterionName: string | null;
  /** What the team reads (unless hidden, or not shared). */
  text: string;
  /** The judge's own words. */
  original: string;
  /** The judge's choice: shared with the team, or for organizers only. */
  shared: boolean;
  hidden: boolean;
  edited: boolean;
  version: number;
  /** The organizer who last changed it, and when. */
  changedBy: string | null;
  changedAt: string | null;
}

/** The organizer's view of all comments, per category, with judge names and releases. */
export interface FeedbackOverview {
  /** Comments can be changed once scoring is locked (judges can no longer change them). */
  locked: boolean;
  /** Feedback can be released once the ceremony is over. */
  canRelease: boolean;
  categories: {
    categoryId: string;
    categoryName: string;
    releasedAt: string | null;
    teams: { teamId: string; teamName: string; comments: FeedbackComment[] }[];
  }[];
}

/** Where the app's links and QR codes point (GET and PUT /api/settings/links). */
export interface LinkBaseView {
  /** The origin links are built from, like "http://192.168.1.20:3000". */
  base: string;
  /** Set by PUBLIC_URL when the app started, so it can't be changed here. */
  fixed: boolean;
  /** The app's own addresses to choose from, the venue wifi's first. */
  choices: string[];
  /** False when links point at this computer only (localhost), which no phone can open. */
  phonesCanOpen: boolean;
}

/** One change an organizer made to a comment; `oldText`/`newText` null when hidden. */
export interface CommentModerationEntry {
  at: string;
  action: "hidden" | "shown" | "edited" | "restored" | "withdrawn";
  teamName: string;
  judgeName: string;
  criterionName: string | null;
  judgeText: string;
  oldText: string | null;
  newText: string | null;
  by: string | null;
}

/** A member as the check-in desk sees them: first name, consent, and whether they are in. */
export interface CheckInMemberView {
  id: string;
  firstName: string;
  school: string;
  consent: ConsentStatus;
  photoConsent: boolean;
  /** First check-in; kept after checking out. */
  arrivedAt: string | null;
  /** In the building since; null when out. */
  inSince: string | null;
  leftAt: string | null;
}

export interface CheckInTeamView {
  id: string;
  name: string;
  categoryName: string;
  tableNumber: string | null;
  /** When every member had arrived: the team is in for judging. */
  checkedInAt: string | null;
  members: CheckInMemberView[];
}

/** What a scan found: the team, and the member whose badge it was (null for a team's code). */
export interface CheckInScanView {
  team: CheckInTeamView;
  memberId: string | null;
}

export interface ParticipantBadge {
  kind: "participant";
  memberId: string;
  firstName: string;
  teamName: string;
  school: string;
  categoryName: string;
  tableNumber: string | null;
  photoConsent: boolean;
  /** The link the badge's QR code holds. */
  link: string;
}

export interface StaffBadge {
  kind: "judge" | "teacher" | "organizer";
  id: string;
  name: string;
}

export type BadgeView = ParticipantBadge | StaffBadge;

export interface BadgeSheetView {
  eventName: string;
  badges: BadgeView[];
}

/** A child the photographer must leave out of photos. */
export interface PhotoListEntry {
  memberId: string;
  firstName: string;
  teamName: string;
  tableNumber: string | null;
  /** Why: the guardian said no to photos, or has not answered yet. */
  reason: "no-photos" | "no-answer";
}

export interface CheckInCodeView {
  code: string;
  link: string;
}

/** What each JSON GET route answers, by its path under /api (with `{name}` for parameters). */
export type ApiGet = {
  [P in keyof typeof GET_RESPONSES]: z.output<(typeof GET_RESPONSES)[P]>;
};
export type GetPath = keyof ApiGet;

/**
 * What each write answers, by its method and path under /api ("POST /events/{slug}/clock");
 * void for a 204 with no body.
 */
export type ApiMutation = {
  [K in keyof typeof MUTATION_RESPONSES]: (typeof MUTATION_RESPONSES)[K] extends z.ZodType
    ? z.output<(typeof MUTATION_RESPONSES)[K]>
    : undefined;
};
export type MutationRoute = keyof ApiMutation;

/**
 * What each write takes as its JSON body, as the client may write it (the schema's input, before
 * defaults and trimming); undefined for a write that takes none.
 */
export type ApiMutationBody = {
  [K in MutationRoute]: (typeof MUTATION_BODIES)[K] extends z.ZodType
    ? z.input<(typeof MUTATION_BODIES)[K]>
    : undefined;
};
