// What a write changed, as services report it. The publisher (publisher.ts) maps each change to
// the views it invalidates and the rooms that must hear of it, so no route has to remember.
import type { RevealedAward } from "../../shared/api";
import type { PostedAnnouncement } from "../../shared/events";
import type { SavedCards } from "../services/judging/state";

export type Change =
  /** The event's details, times, categories or prizes. */
  | { kind: "event"; eventId: string }
  /** A pause, a resume, an extension. */
  | { kind: "clock"; eventId: string }
  /**
   * Anything the judging views are made of: scores, panels, judges, check-ins, the rubric, the
   * lock. A score save carries its cards, so other instances can apply them without a re-read.
   */
  | { kind: "judging"; eventId: string; saved?: SavedCards }
  /** A project handed in or changed: the count, the stage's titles, the judges' lists. */
  | { kind: "submissions"; eventId: string }
  /** Carries its audience: the whole hall, or the teachers' room alone. */
  | { kind: "announcement"; eventId: string; announcement: PostedAnnouncement }
  | {
      kind: "announcement-removed";
      eventId: string;
      id: string;
      audience: PostedAnnouncement["audience"];
    }
  /** The running order, the stage, or what it shows (a team checked in, a project title). */
  | { kind: "stage"; eventId: string }
  /** The ceremony's state; a reveal carries the award revealed. */
  | { kind: "ceremony"; eventId: string; reveal?: RevealedAward }
  | { kind: "feedback"; eventId: string; releasedAt: string }
  /** An email queued, sent, answered or replaced: the organizers' outbox. */
  | { kind: "outbox"; eventId: string }
  /** A school made, renamed or merged: the organizers' list of schools. */
  | { kind: "schools"; eventId: string }
  /** A school's teacher invited or accepting their invite: the organizers' list of teachers. */
  | { kind: "teachers"; eventId: string }
  /**
   * What one account may see changed (a teacher's request approved): its signed-in sessions,
   * by the hash of their tokens, are told.
   */
  | { kind: "account"; eventId: string; sessions: string[] }
  /** A team's own facts: its name, members, consent, check-in, project. */
  | { kind: "team"; eventId: string; teamId: string };

export type ChangeKind = Change["kind"];

/** Where a service reports its changes; the caller publishes them once the write committed. */
export interface Changes {
  add(change: Change): void;
}

/** Collects changes during one piece of work, to publish after it succeeded. */
export class ChangeSet implements Changes {
  readonly list: Change[] = [];
  add(change: Change): void {
    this.list.push(change);
  }
}
