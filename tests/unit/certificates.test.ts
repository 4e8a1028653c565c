import { describe, expect, it } from "vitest";
import type { Award, CeremonyState } from "../../shared/api";
import { eventDays, resultsFinal } from "../../shared/rules/certificates";

const award = (categoryId: string, place: number): Award => ({
  categoryId,
  category: categoryId,
  place,
  prize: "Prize",
  sponsor: null,
  teamName: `Team ${place}`,
  school: "Oakwood Academy",
  projectTitle: null,
});
const state = (over: Partial<CeremonyState>): CeremonyState => ({
  version: 1,
  started: true,
  blank: false,
  revealed: [],
  finished: false,
  toGive: [
    { categoryId: "game", count: 2 },
    { categoryId: "puc", count: 1 },
  ],
  ...over,
});

describe("resultsFinal", () => {
  it("is false before anything is revealed", () => {
    expect(resultsFinal(state({}), "game")).toBe(false);
  });
  it("is false while a category still has awards to reveal", () => {
    expect(resultsFinal(state({ revealed: [award("game", 2)] }), "game")).toBe(false);
  });
  it("is true for a category whose every award is revealed, while others wait", () => {
    const s = state({ revealed: [award("puc", 1)] });
    expect(resultsFinal(s, "puc")).toBe(true);
    expect(resultsFinal(s, "game")).toBe(false);
  });
  it("is true for every category once the ceremony is finished, even one with no prize", () => {
    expect(resultsFinal(state({ finished: true }), "no-prizes")).toBe(true);
  });
  it("is false for a category that gives nothing until the ceremony is finished", () => {
    expect(resultsFinal(state({ revealed: [award("puc", 1)] }), "no-prizes")).toBe(false);
  });
});

describe("eventDays", () => {
  const at = (iso: string) => new Date(iso);
  it("names both days of a weekend in one month", () => {
    expect(eventDays(at("2026-03-14T09:00Z"), at("2026-03-15T17:00Z"), "Europe/London")).toBe(
      "14–15 March 2026",
    );
  });
  it("names both months when the event crosses one", () => {
    expect(eventDays(at("2026-03-31T09:00Z"), at("2026-04-01T16:00Z"), "Europe/London")).toBe(
      "31 March – 1 April 2026",
    );
  });
  it("names both years across new year, and one date for a one-day event", () => {
    expect(eventDays(at("2026-12-31T09:00Z"), at("2027-01-01T16:00Z"), "Europe/London")).toBe(
      "31 December 2026 – 1 January 2027",
    );
    expect(eventDays(at("2026-03-14T09:00Z"), at("2026-03-14T17:00Z"), "Europe/London")).toBe(
      "14 March 2026",
    );
  });
  it("reads the days in the event's zone, not UTC", () => {
    // 23:30 UTC on the 13th is already the 14th in Tokyo.
    expect(eventDays(at("2026-03-13T23:30Z"), at("2026-03-15T08:00Z"), "Asia/Tokyo")).toBe(
      "14–15 March 2026",
    );
  });
});
