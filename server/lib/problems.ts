/**
 * The problem types of the API (RFC 9457). Services throw `AppError` with a slug;
 * the error handler turns it into `application/problem+json` with this status and title.
 */
export const PROBLEMS = {
  validation: { status: 400, title: "Some details need fixing" },
  unauthenticated: { status: 401, title: "Please sign in" },
  "invalid-credentials": { status: 401, title: "Wrong email or password" },
  forbidden: { status: 403, title: "Not allowed" },
  "conflict-of-interest": { status: 403, title: "Conflict of interest" },
  "not-assigned": { status: 403, title: "Not one of your teams" },
  "not-found": { status: 404, title: "Not found" },
  "too-old": { status: 400, title: "Too old for this event" },
  "team-too-large": { status: 400, title: "Too many members" },
  "mixed-schools": { status: 400, title: "Members from different schools" },
  "last-member": { status: 400, title: "A team needs a member" },
  "slug-taken": { status: 409, title: "That web address is taken" },
  "email-taken": { status: 409, title: "That email is already in use" },
  "name-taken": { status: 409, title: "That name is already in use" },
  "place-taken": { status: 409, title: "That place already has a prize" },
  "team-name-taken": { status: 409, title: "That team name is taken" },
  "registration-closed": { status: 409, title: "Registration is closed" },
  "team-full": { status: 409, title: "The team is full" },
  "consent-missing": { status: 409, title: "Consent is missing" },
  "code-invalid": { status: 400, title: "Not one of our check-in codes" },
  "code-other-event": { status: 409, title: "A badge from another event" },
  "event-ended": { status: 409, title: "The event has ended" },
  "already-checked-in": { status: 409, title: "Already checked in" },
  "category-in-use": { status: 409, title: "The category has teams" },
  "invalid-clock-action": { status: 409, title: "The clock can't do that now" },
  "not-checked-in": { status: 409, title: "Not checked in yet" },
  "submissions-not-open": { status: 409, title: "Submissions are not open yet" },
  "deadline-passed": { status: 409, title: "The deadline has passed" },
  "scoring-locked": { status: 409, title: "Scoring is locked" },
  "scoring-not-locked": { status: 409, title: "Scoring is not locked yet" },
  "ties-unresolved": { status: 409, title: "Shared places to decide" },
  "ceremony-finished": { status: 409, title: "The ceremony is over" },
  "event-not-finished": { status: 409, title: "The event has not finished" },
  "invalid-stage-action": { status: 409, title: "The stage can't do that now" },
  "stage-changed": { status: 409, title: "The stage has moved on" },
  "ceremony-not-finished": { status: 409, title: "The ceremony is not over yet" },
  "consent-answered": { status: 409, title: "The guardian has already answered" },
  "feedback-released": { status: 409, title: "Teams can already read it" },
  "comment-changed": { status: 409, title: "Someone else changed it" },
  "team-checked-in": { status: 409, title: "The team is checked in" },
  "invite-pending": { status: 409, title: "The invite is not accepted yet" },
  "request-decided": { status: 409, title: "Already decided" },
  "request-pending": { status: 403, title: "Waiting for an organizer" },
  "request-turned-down": { status: 403, title: "Request turned down" },
  "mail-off": { status: 409, title: "Email is not set up" },
  "team-scored": { status: 409, title: "Judges have scored this team" },
  "submission-changed": { status: 409, title: "The project has changed" },
  "row-changed": { status: 409, title: "Someone else changed it" },
  "category-scored": { status: 409, title: "Judges have scored in this category" },
  "setup-done": { status: 410, title: "Set-up is already done" },
  "invite-used": { status: 410, title: "This invite has been used" },
  "consent-recorded": { status: 410, title: "An answer is already recorded" },
  "reset-used": { status: 410, title: "This link has been used" },
  "reset-expired": { status: 410, title: "This link has run out" },
  "payload-too-large": { status: 413, title: "Too much data" },
  "unsupported-media-type": { status: 415, title: "Send JSON" },
  "public-url-set": { status: 409, title: "The address is set by PUBLIC_URL" },
  "misdirected-request": { status: 421, title: "Wrong address for this app" },
  "too-many-attempts": { status: 429, title: "Too many attempts" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Something went wrong" },
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly slug: ProblemSlug,
    public readonly detail: string,
    public readonly errors?: FieldError[],
    /** Extra headers, such as Retry-After. */
    public readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457), such as the row as it is now. */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(`${slug}: ${detail}`);
  }

  get status(): number {
    return PROBLEMS[this.slug].status;
  }

  /** The same problem with extension members added. */
  with(extensions: Record<string, unknown>): AppError {
    return new AppError(this.slug, this.detail, this.errors, this.headers, {
      ...this.extensions,
      ...extensions,
    });
  }
}

export const notFound = (what: string) =>
  new AppError("not-found", `We couldn't find that ${what}.`);
export const validationError = (
  errors: FieldError[],
  detail = "Some details need fixing: see the list of errors.",
) => new AppError("validation", detail, errors);
