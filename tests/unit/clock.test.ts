import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClockAdjustment,
  clockActionProblem,
  computeClock,
  type EventTimes,
  nextPhaseChange,
  timesInOrder,
} from "../../shared/rules/clock";

const t = (iso: string) => new Date(iso);
const times: EventTimes = {
  registrationOpensAt: t("2026-02-01T09:00:00Z"),
  registrationClosesAt: t("2026-03-10T18:00:00Z"),
  startsAt: t("2026-03-14T09:00:00Z"),
  submissionsCloseAt: t("2026-03-15T13:00:00Z"),
  endsAt: t("2026-03-15T17:00:00Z"),
};

describe("computeClock phases", () => {
  it.each([
    ["2026-01-31T23:59:59.999Z", "upcoming"],
    ["2026-02-01T09:00:00.000Z", "registration"],
    ["2026-03-10T17:59:59.999Z", "registration"],
    ["2026-03-10T18:00:00.000Z", "waiting"],
    ["2026-03-14T08:59:59.999Z", "waiting"],
    ["2026-03-14T09:00:00.000Z", "hacking"],
    ["2026-03-15T12:59:59.999Z", "hacking"],
    ["2026-03-15T13:00:00.000Z", "judging"],
    ["2026-03-15T16:59:59.999Z", "judging"],
    ["2026-03-15T17:00:00.000Z", "finished"],
  ])("at %s the phase is %s", (now, phase) => {
    expect(computeClock(times, [], t(now)).phase).toBe(phase);
  });

  it("counts to the start of hacking before it, then to the deadline, then to nothing", () => {
    const waiting = computeClock(times, [], t("2026-03-14T08:00:00Z"));
    expect(waiting.target).toEqual(times.startsAt);
    expect(waiting.remainingMs).toBe(60 * 60 * 1000);
    const hacking = computeClock(times, [], t("2026-03-15T12:00:00Z"));
    expect(hacking.target).toEqual(times.submissionsCloseAt);
    expect(hacking.remainingMs).toBe(60 * 60 * 1000);
    const judging = computeClock(times, [], t("2026-03-15T14:00:00Z"));
    expect(judging.target).toBeNull();
    expect(judging.remainingMs).toBe(0);
  });
});

describe("computeClock adjustments", () => {
  it("moves the deadline by the time spent paused and freezes the countdown while paused", () => {
    const adj: ClockAdjustment[] = [{ action: "pause", at: t("2026-03-14T10:00:00Z") }];
    const during = computeClock(times, adj, t("2026-03-14T10:30:00Z"));
    expect(during.paused).toBe(true);
    const later = computeClock(times, adj, t("2026-03-14T11:00:00Z"));
    expect(later.remainingMs).toBe(during.remainingMs);
    const resumed = computeClock(
      times,
      [...adj, { action: "resume", at: t("2026-03-14T10:45:00Z") }],
      t("2026-03-14T11:00:00Z"),
    );
    expect(resumed.paused).toBe(false);
    expect(resumed.deadline).toEqual(t("2026-03-15T13:45:00Z"));
  });

  it("adds each extension to the deadline", () => {
    const adj: ClockAdjustment[] = [
      { action: "extend", at: t("2026-03-15T12:00:00Z"), minutes: 15 },
      { action: "extend", at: t("2026-03-15T12:10:00Z"), minutes: 5 },
    ];
    const clock = computeClock(times, adj, t("2026-03-15T13:10:00Z"));
    expect(clock.deadline).toEqual(t("2026-03-15T13:20:00Z"));
    expect(clock.phase).toBe("hacking");
  });

  it("ignores adjustments recorded after now", () => {
    const adj: ClockAdjustment[] = [
      { action: "extend", at: t("2026-03-15T12:00:00Z"), minutes: 60 },
    ];
    expect(computeClock(times, adj, t("2026-03-15T11:00:00Z")).deadline).toEqual(
      times.submissionsCloseAt,
    );
  });

  it("never reports negative time left", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: t("2025-01-01T00:00:00Z"),
          max: t("2027-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        (now) => {
          const clock = computeClock(times, [], now);
          expect(clock.remainingMs).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("timesInOrder", () => {
  it("accepts times in order, allowing registration to close as hacking starts", () => {
    expect(timesInOrder({ ...times, registrationClosesAt: times.startsAt })).toEqual([]);
  });

  it("names the field that is out of order", () => {
    const problems = timesInOrder({ ...times, submissionsCloseAt: t("2026-03-14T08:00:00Z") });
    expect(problems.map((p) => p.path)).toContain("submissionsCloseAt");
  });

  it("refuses registration that closes before it opens", () => {
    const problems = timesInOrder({ ...times, registrationClosesAt: times.registrationOpensAt });
    expect(problems.map((p) => p.path)).toEqual(["registrationClosesAt"]);
  });
});

describe("nextPhaseChange", () => {
  it("is the next planned instant, then the deadline after extensions, then nothing", () => {
    expect(nextPhaseChange(times, [], t("2026-01-01T00:00:00Z"))).toEqual(
      times.registrationOpensAt,
    );
    expect(nextPhaseChange(times, [], t("2026-03-14T09:00:00Z"))).toEqual(times.submissionsCloseAt);
    const extended: ClockAdjustment[] = [
      { action: "extend", at: t("2026-03-15T12:00:00Z"), minutes: 10 },
    ];
    expect(nextPhaseChange(times, extended, t("2026-03-15T12:30:00Z"))).toEqual(
      t("2026-03-15T13:10:00Z"),
    );
    expect(nextPhaseChange(times, [], t("2026-03-15T17:00:00Z"))).toBeNull();
  });

  it("is nothing while paused: only a resume moves the clock on", () => {
    const paused: ClockAdjustment[] = [{ action: "pause", at: t("2026-03-14T10:00:00Z") }];
    expect(nextPhaseChange(times, paused, t("2026-03-14T11:00:00Z"))).toBeNull();
  });
});

describe("pauses across the deadline and edits mid-event", () => {
  it("a pause that starts before the deadline keeps hacking open past the planned deadline", () => {
    const adj: ClockAdjustment[] = [{ action: "pause", at: t("2026-03-15T12:50:00Z") }];
    const clock = computeClock(times, adj, t("2026-03-15T13:30:00Z"));
    expect(clock.phase).toBe("hacking");
    expect(clock.remainingMs).toBe(10 * 60_000);
    const resumed = computeClock(
      times,
      [...adj, { action: "resume", at: t("2026-03-15T13:30:00Z") }],
      t("2026-03-15T13:39:59.999Z"),
    );
    expect(resumed.phase).toBe("hacking");
    expect(resumed.deadline).toEqual(t("2026-03-15T13:40:00Z"));
    expect(
      computeClock(
        times,
        [...adj, { action: "resume", at: t("2026-03-15T13:30:00Z") }],
        t("2026-03-15T13:40:00Z"),
      ).phase,
    ).toBe("judging");
  });

  it("an extension past the planned end pushes the end back too", () => {
    const adj: ClockAdjustment[] = [
      { action: "extend", at: t("2026-03-15T12:00:00Z"), minutes: 300 },
    ];
    const clock = computeClock(times, adj, t("2026-03-15T17:30:00Z"));
    expect(clock.phase).toBe("hacking");
    expect(clock.endsAt).toEqual(t("2026-03-15T18:00:00Z"));
  });

  it("editing the planned deadline mid-event keeps the adjustments made so far", () => {
    const adj: ClockAdjustment[] = [
      { action: "extend", at: t("2026-03-14T12:00:00Z"), minutes: 15 },
    ];
    const edited = {
      ...times,
      submissionsCloseAt: t("2026-03-15T14:00:00Z"),
      endsAt: t("2026-03-15T18:00:00Z"),
    };
    expect(computeClock(edited, adj, t("2026-03-14T13:00:00Z")).deadline).toEqual(
      t("2026-03-15T14:15:00Z"),
    );
  });
});

describe("clockActionProblem", () => {
  const at = (iso: string, adj: ClockAdjustment[] = []) => computeClock(times, adj, t(iso));
  it("allows pause only while hacking and not paused", () => {
    expect(clockActionProblem("pause", at("2026-03-14T10:00:00Z"))).toBeNull();
    expect(clockActionProblem("pause", at("2026-03-13T10:00:00Z"))).toMatch(
      /only be paused while hacking/,
    );
    expect(
      clockActionProblem(
        "pause",
        at("2026-03-14T11:00:00Z", [{ action: "pause", at: t("2026-03-14T10:00:00Z") }]),
      ),
    ).toMatch(/already paused/);
  });
  it("allows resume only when paused", () => {
    expect(clockActionProblem("resume", at("2026-03-14T10:00:00Z"))).toMatch(/not paused/);
  });
  it("refuses extending a finished event or one that has not started", () => {
    expect(clockActionProblem("extend", at("2026-03-16T10:00:00Z"))).toMatch(/finished/);
    expect(clockActionProblem("extend", at("2026-03-01T10:00:00Z"))).toMatch(/has not started/);
    expect(clockActionProblem("extend", at("2026-03-15T13:05:00Z"))).toBeNull();
  });
});

describe("ending hacking early", () => {
  const end = (iso: string): ClockAdjustment => ({ action: "end", at: t(iso) });
  it("closes submissions at once, whatever the deadline was", () => {
    const adj = [
      { action: "extend", at: t("2026-03-14T10:00:00Z"), minutes: 30 } as ClockAdjustment,
      end("2026-03-15T11:00:00Z"),
    ];
    const before = computeClock(times, adj, t("2026-03-15T10:59:59.999Z"));
    expect(before.phase).toBe("hacking");
    expect(before.deadline).toEqual(t("2026-03-15T13:30:00Z"));
    const after = computeClock(times, adj, t("2026-03-15T11:00:00Z"));
    expect(after.phase).toBe("judging");
    expect(after.deadline).toEqual(t("2026-03-15T11:00:00Z"));
  });

  it("ends a paused clock too, and a later extension counts from the end", () => {
    const adj: ClockAdjustment[] = [
      { action: "pause", at: t("2026-03-15T10:00:00Z") },
      end("2026-03-15T10:30:00Z"),
      { action: "extend", at: t("2026-03-15T10:40:00Z"), minutes: 15 },
    ];
    const state = computeClock(times, adj, t("2026-03-15T10:41:00Z"));
    expect(state.paused).toBe(false);
    expect(state.deadline).toEqual(t("2026-03-15T10:45:00Z"));
    expect(state.phase).toBe("hacking");
  });

  it("is allowed only while hacking", () => {
    const at = (iso: string) => computeClock(times, [], t(iso));
    expect(clockActionProblem("end", at("2026-03-14T10:00:00Z"))).toBeNull();
    expect(clockActionProblem("end", at("2026-03-13T10:00:00Z"))).toMatch(/has not started/);
    expect(clockActionProblem("end", at("2026-03-15T14:00:00Z"))).toMatch(/already ended/);
  });
});

describe("starting hacking early", () => {
  const at = (iso: string) => computeClock(times, [], t(iso));
  it("is allowed once registration has closed and before the planned start", () => {
    expect(clockActionProblem("start", at("2026-03-12T10:00:00Z"))).toBeNull();
    expect(clockActionProblem("start", at("2026-03-01T10:00:00Z"))).toMatch(
      /Registration is still open/,
    );
    expect(clockActionProblem("start", at("2026-03-14T10:00:00Z"))).toMatch(/already started/);
  });
});
