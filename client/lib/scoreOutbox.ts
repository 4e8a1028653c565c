/**
 * Scores (and comments) a judge saved that the server has not confirmed yet. Venue wifi drops, so every save
 * goes through this outbox: kept in localStorage (a closed tab or a flat battery loses
 * nothing), sent one at a time in the order the judge made them, and retried with backoff
 * after a network failure or a server error.
 *
 * Each save gets an idempotency key once, when it is made. If a request reached the server
 * but its answer was lost, the retry carries the same key and the server answers with the
 * first answer and writes nothing, so retrying is always safe. A save is dropped only on a
 * definite refusal (a 4xx answer), and the refusal is kept to show the judge.
 */
import type { CriterionComment, ScoreSaved } from "../../shared/api";
import { onForget } from "./accountStorage";
import { ApiError, api } from "./api";

export interface PendingScore {
  /** Idempotency key, made once per save. */
  key: string;
  teamId: string;
  teamName: string;
  scores: Record<string, number>;
  comment: string;
  /**
   * Whether the overall comment is shared with the team. Optional, like the criterion
   * comments below, because saves queued by an older version of this page lack both; such a
   * save leaves them as they are on the server.
   */
  commentShared?: boolean;
  /** Each criterion's comment and who may read it; "" removes a criterion's comment. */
  criterionComments?: Record<string, CriterionComment>;
  /** When the judge pressed Save (this device's clock, epoch ms). */
  queuedAt: number;
}

/** A save the server refused; the scores in it were not recorded. */
export interface ScoreProblem {
  key: string;
  teamId: string;
  teamName: string;
  slug: string;
  message: string;
}

export interface OutboxState {
  pending: PendingScore[];
  /** A request is on its way now. */
  sending: boolean;
  /** The last attempt could not reach the server (or the device says it is offline). */
  waiting: boolean;
  /** The newest confirmed save per team. */
  saved: Record<string, ScoreSaved>;
  problems: ScoreProblem[];
  /** The server said scoring is locked: nothing more can be saved. */
  locked: boolean;
  /** The session ended: saves wait until the judge signs in again. */
  signedOut: boolean;
}

export type SaveOutcome =
  | { status: "sent"; saved: ScoreSaved }
  | { status: "queued" }
  | { status: "refused"; problem: ScoreProblem };

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a venue laptop on plain http has none.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/** 4xx answers are definite, except "signed out", "too slow" and "too many", which may pass. */
function isDefiniteRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 408, 429].includes(error.status)
  );
}

export class ScoreOutbox {
  private state: OutboxState;
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private readonly outcomes = new Map<string, SaveOutcome>();
  /** Signed out: nothing more is sent or stored, even when the connection comes back. */
  private discarded = false;

  constructor(private readonly storageKey: string) {
    this.state = {
      pending: this.read(),
      sending: false,
      waiting: isOffline(),
      saved: {},
      problems: [],
      locked: false,
      signedOut: false,
    };
    window.addEventListener("online", () => this.retryNow());
    window.addEventListener("offline", () => this.set({ waiting: true }));
    // Another tab of the same judge changed the queue.
    window.addEventListener("storage", (e) => {
      if (e.key === this.storageKey) this.set({ pending: this.read() });
    });
  }

  getState = (): OutboxState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Queues a save and tries to send it (and anything before it) now. */
  async save(input: Omit<PendingScore, "key" | "queuedAt">): Promise<SaveOutcome> {
    const item: PendingScore = { ...input, key: newKey(), queuedAt: Date.now() };
    this.set({
      pending: [...this.state.pending, item],
      problems: this.state.problems.filter((p) => p.teamId !== item.teamId),
    });
    this.write();
    await this.flush();
    const outcome = this.outcomes.get(item.key) ?? { status: "queued" };
    this.outcomes.delete(item.key);
    return outcome;
  }

  /** Sends what is waiting, unless the device is offline; safe to call at any time. */
  flush = (): Promise<void> => {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  };

  /** The connection is back (an `online` event, the socket reconnecting): try at once. */
  retryNow = () => {
    this.failures = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.state.signedOut) this.set({ signedOut: false });
    void this.flush();
  };

  /** Drops everything this outbox holds and stops its retries (the judge signed out). */
  discard() {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.discarded = true;
    this.set({ pending: [], saved: {}, problems: [], sending: false, waiting: false });
  }

  /** The server's list says whether scoring is locked: the page turns read-only at once. */
  setLocked(locked: boolean) {
    if (this.state.locked !== locked) this.set({ locked });
  }

  dismissProblem(key: string) {
    this.set({ problems: this.state.problems.filter((p) => p.key !== key) });
  }

  private async run() {
    while (this.state.pending.length > 0 && !this.discarded) {
      if (isOffline()) {
        this.set({ waiting: true, sending: false });
        return; // The `online` event starts the next run.
      }
      const item = this.state.pending[0]!;
      this.set({ sending: true });
      try {
        // The stored item is sent as it was made, key included, however often it is retried.
        // (JSON leaves out the comment fields an older queued save lacks.)
        const saved = await api.send(
          "PUT /judging/scores/{teamId}",
          { teamId: item.teamId },
          {
            scores: item.scores,
            comment: item.comment,
            commentShared: item.commentShared,
            criterionComments: item.criterionComments,
            idempotencyKey: item.key,
          },
        );
        this.failures = 0;
        this.outcomes.set(item.key, { status: "sent", saved });
        this.remove(item.key, { saved: { ...this.state.saved, [item.teamId]: saved } });
      } catch (error) {
        if (isDefiniteRefusal(error)) {
          const problem: ScoreProblem = {
            key: item.key,
            teamId: item.teamId,
            teamName: item.teamName,
            slug: error.slug,
            message: error.detail,
          };
          this.outcomes.set(item.key, { status: "refused", problem });
          this.remove(item.key, {
            problems: [...this.state.problems, problem],
            locked: this.state.locked || error.slug === "scoring-locked",
          });
        } else if (error instanceof ApiError && error.status === 401) {
          // Keep everything: once the judge signs in again, retryNow sends it.
          this.set({ sending: false, signedOut: true });
          return;
        } else {
          this.set({ sending: false, waiting: true });
          this.scheduleRetry();
          return;
        }
      }
    }
    this.set({ sending: false, waiting: false });
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.failures);
    this.failures++;
    // A little jitter, so fifty judges' phones don't all retry in the same instant.
    const delay = base * (0.8 + Math.random() * 0.4);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  private remove(key: string, extra: Partial<OutboxState>) {
    this.set({ ...extra, pending: this.state.pending.filter((p) => p.key !== key) });
    this.write();
  }

  private set(patch: Partial<OutboxState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private read(): PendingScore[] {
    try {
      const raw = localStorage.getItem(this.storageKey);
      const list: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? (list as PendingScore[]).filter((p) => p?.key && p.teamId) : [];
    } catch {
      return [];
    }
  }

  private write() {
    if (this.discarded) return;
    try {
      if (this.state.pending.length === 0) localStorage.removeItem(this.storageKey);
      else localStorage.setItem(this.storageKey, JSON.stringify(this.state.pending));
    } catch {
      // Storage full or blocked (private mode): the queue still lives in memory.
    }
  }
}

const outboxes = new Map<string, ScoreOutbox>();

onForget((userId) => {
  outboxes.get(userId)?.discard();
  outboxes.delete(userId);
});

/** The one outbox of a judge account in this browser. */
export function outboxFor(userId: string): ScoreOutbox {
  let outbox = outboxes.get(userId);
  if (!outbox) {
    outbox = new ScoreOutbox(`hmj:score-outbox:${userId}`);
    outboxes.set(userId, outbox);
  }
  return outbox;
}
