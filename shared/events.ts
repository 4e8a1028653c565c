/** The Socket.IO contract (docs/design.md section 5): both sides import these maps. */
import type {
  CeremonyState,
  Clock,
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  RevealedAward,
  StageState,
} from "./api";
import type { Role } from "./schemas/session";

export interface Announcement {
  id: string;
  text: string;
  at: string;
}

/** An announcement as its organizer posted it: for the whole hall, or for teachers alone. */
export interface PostedAnnouncement extends Announcement {
  audience: "everyone" | "teachers";
}

export interface ServerToClientEvents {
  clock: (clock: Clock) => void;
  announcement: (announcement: Announcement) => void;
  /** An organizer took an announcement back (a typo, or old news). */
  "announcement:removed": (payload: { id: string }) => void;
  /**
   * The event's teachers (and its organizers) only: an announcement for teachers alone. It never
   * reaches the display, the event page, teams or judges.
   */
  "teachers:announcement": (announcement: Announcement) => void;
  /** The event's teachers and organizers only: a teachers' announcement was taken back. */
  "teachers:announcement:removed": (payload: { id: string }) => void;
  "submissions:count": (payload: { count: number }) => void;
  /** Organizers only: the whole board, on connect and when the categories themselves change. */
  leaderboard: (leaderboard: Leaderboard) => void;
  /** Organizers only: the standings a change moved, from the version the screen holds. */
  "leaderboard:change": (change: LeaderboardChange) => void;
  /** Everyone: on connect and when the ceremony starts or blanks; a reveal is folded in (below). */
  "ceremony:state": (state: CeremonyState) => void;
  /**
   * Everyone: the award just revealed, never before, with the state's new version and whether
   * the ceremony is over. Screens fold it into their ceremony:state (shared/rules/ceremony.ts),
   * so 2,500 screens are not sent the whole state again with every award.
   */
  "ceremony:reveal": (award: RevealedAward) => void;
  /** Organizers only: per judge and team, scored or not; on connect. */
  "judging:progress": (progress: JudgingProgress) => void;
  /** Organizers only: the seats and judges a change moved, from the version the screen holds. */
  "judging:progress:change": (change: JudgingProgressChange) => void;
  /** Everyone: on connect and on every change of the stage or the running order. No scores. */
  stage: (stage: StageState) => void;
  /** Everyone: the organizer released the teams' feedback; teams fetch their own. */
  "feedback:released": (payload: { releasedAt: string }) => void;
  /** Organizers only: an email was queued, sent, answered or replaced; the outbox refetches. */
  "outbox:changed": () => void;
  /**
   * The team itself: something its pages show changed (a member, a guardian's answer, the
   * check-in, its project); the page fetches the team again. No personal data rides along.
   */
  "team:changed": (payload: { teamId: string }) => void;
  /** Organizers only: a school was made, renamed or merged; the list of schools refetches. */
  "schools:changed": () => void;
  /** Organizers only: a teacher was invited or accepted; the list of teachers refetches. */
  "teachers:changed": () => void;
  /**
   * The signed-in user's own screens only: what their account may see changed (an organizer
   * approved their request to join as a teacher). The page fetches itself again and reconnects,
   * so the socket joins the rooms the account now belongs to.
   */
  "account:changed": () => void;
  /**
   * Organizers only: judges or panels changed (an invite, an edit of any of a judge's fields, a
   * panel, the lock), not a score; the list of judges fetches itself again.
   */
  "judges:changed": () => void;
  /** Organizers only: a team changed; the list of teams fetches it again. */
  "teams:changed": (payload: { teamId: string }) => void;
  /** Judges only: their lists may have moved (panels, projects, the lock); each fetches its own. */
  "assignments:changed": () => void;
}

export interface ClientToServerEvents {
  /** Answers with the server's time in epoch milliseconds, for clock-offset estimation. */
  "time:sync": (ack: (serverTimeMs: number) => void) => void;
}

/** What the server learned at the handshake; never set from the client. */
export interface SocketData {
  eventId: string;
  eventSlug: string;
  userId: string | null;
  role: Role | null;
  /** SHA-256 of the session token, so signing out can close this session's sockets. */
  sessionHash: string | null;
  /** The judge or team this socket's user is at this event, if any. */
  judgeId: string | null;
  teamId: string | null;
  /** The school whose teacher this socket's user is at this event, if any. */
  schoolId: string | null;
}

/** Handshake auth the client sends: `io(origin, { auth: { event: slug }, withCredentials: true })`. */
export interface HandshakeAuth {
  event: string;
  /**
   * The versions of the organizer's views a reconnecting screen still holds: the server sends
   * the whole view again only when it moved on.
   */
  versions?: { leaderboard?: number; progress?: number };
}

export const rooms = {
  event: (eventId: string) => `event:${eventId}`,
  organizers: (eventId: string) => `event:${eventId}:organizers`,
  judges: (eventId: string) => `event:${eventId}:judges`,
  /** Every school's teacher at the event: announcements for teachers alone. */
  teachers: (eventId: string) => `event:${eventId}:teachers`,
  team: (teamId: string) => `team:${teamId}`,
  /** The school's teacher: told of every change to a team with one of its pupils. */
  school: (schoolId: string) => `school:${schoolId}`,
  judge: (judgeId: string) => `judge:${judgeId}`,
  session: (sessionHash: string) => `session:${sessionHash}`,
} as const;
