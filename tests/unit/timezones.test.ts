import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatZonedDate,
  formatZonedDateTime,
  formatZonedTime,
  isTimeZone,
  utcToZonedLocal,
  zonedLocalToUtc,
} from "../../shared/rules/timezones";

const LONDON = "Europe/London";

describe("isTimeZone", () => {
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isTimeZone(LONDON)).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("zonedLocalToUtc", () => {
  it("reads a winter time in London as GMT (UTC+0)", () => {
    expect(zonedLocalToUtc("2026-03-14T09:00", LONDON).toISOString()).toBe(
      "2026-03-14T09:00:00.000Z",
    );
  });

  it("reads a summer time in London as BST (UTC+1)", () => {
    expect(zonedLocalToUtc("2026-07-04T09:00", LONDON).toISOString()).toBe(
      "2026-07-04T08:00:00.000Z",
    );
  });

  it("reads times either side of the clocks going forward on 29 March 2026", () => {
    expect(zonedLocalToUtc("2026-03-29T00:30", LONDON).toISOString()).toBe(
      "2026-03-29T00:30:00.000Z",
    );
    expect(zonedLocalToUtc("2026-03-29T03:00", LONDON).toISOString()).toBe(
      "2026-03-29T02:00:00.000Z",
    );
  });

  it("moves a time that never happens (01:30 when clocks jump to 02:00) forward by the gap", () => {
    const instant = zonedLocalToUtc("2026-03-29T01:30", LONDON);
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToZonedLocal(instant, LONDON)).toBe("2026-03-29T02:30");
  });

  it("gives the first of a time that happens twice when the clocks go back on 25 October 2026", () => {
    expect(zonedLocalToUtc("2026-10-25T01:30", LONDON).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(zonedLocalToUtc("2026-10-25T02:30", LONDON).toISOString()).toBe(
      "2026-10-25T02:30:00.000Z",
    );
  });

  it("handles zones west and east of UTC, including half-hour offsets", () => {
    expect(zonedLocalToUtc("2026-01-10T12:00", "America/New_York").toISOString()).toBe(
      "2026-01-10T17:00:00.000Z",
    );
    expect(zonedLocalToUtc("2026-01-10T12:00", "Asia/Kolkata").toISOString()).toBe(
      "2026-01-10T06:30:00.000Z",
    );
  });

  it("accepts seconds, which some browsers add to datetime-local values", () => {
    expect(zonedLocalToUtc("2026-03-14T09:00:30", LONDON).toISOString()).toBe(
      "2026-03-14T09:00:30.000Z",
    );
  });

  it("refuses a malformed value", () => {
    expect(() => zonedLocalToUtc("", LONDON)).toThrow(RangeError);
    expect(() => zonedLocalToUtc("14/03/2026 09:00", LONDON)).toThrow(RangeError);
  });
});

describe("utcToZonedLocal", () => {
  it("shows an instant as the datetime-local value for the zone", () => {
    expect(utcToZonedLocal(new Date("2026-03-14T09:00:00Z"), LONDON)).toBe("2026-03-14T09:00");
    expect(utcToZonedLocal(new Date("2026-07-04T08:00:00Z"), LONDON)).toBe("2026-07-04T09:00");
    expect(utcToZonedLocal(new Date("2026-10-25T00:30:00Z"), LONDON)).toBe("2026-10-25T01:30");
    expect(utcToZonedLocal(new Date("2026-10-25T01:30:00Z"), LONDON)).toBe("2026-10-25T01:30");
    expect(utcToZonedLocal(new Date("2026-03-14T23:30:00Z"), "Asia/Tokyo")).toBe(
      "2026-03-15T08:30",
    );
  });

  it("round-trips instants through the wall clock of several zones", () => {
    const zones = [LONDON, "America/New_York", "Australia/Lord_Howe", "UTC"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const instant = new Date(minute * 60_000);
          const local = utcToZonedLocal(instant, zone);
          const back = zonedLocalToUtc(local, zone);
          // Either the same instant or, for a doubled wall time, the earlier one showing it.
          expect(utcToZonedLocal(back, zone)).toBe(local);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        },
      ),
    );
  });
});

describe("formatting in the event's zone", () => {
  it("writes dates the British way", () => {
    const at = new Date("2026-03-14T09:00:00Z");
    expect(formatZonedDateTime(at, LONDON)).toBe("Sat 14 March 2026, 09:00");
    expect(formatZonedDate(at, LONDON)).toBe("Sat 14 March 2026");
    expect(formatZonedTime(at, LONDON)).toBe("09:00");
  });

  it("uses the event's zone, not the viewer's", () => {
    const at = new Date("2026-07-04T23:30:00Z");
    expect(formatZonedDateTime(at, LONDON)).toBe("Sun 5 July 2026, 00:30");
    expect(formatZonedDateTime(at, "America/New_York")).toBe("Sat 4 July 2026, 19:30");
  });
});
