import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClockAdjustment,
  computeClock,
  type EventTimes,
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
