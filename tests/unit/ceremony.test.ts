import { describe, expect, it } from "vitest";
import type { Award, CeremonyState } from "../../shared/api";
import { stateAfterReveal } from "../../shared/rules/ceremony";

const award = (place: number): Award => ({
  categoryId: "c1",
  category: "Best Game",
  place,
  prize: `Prize ${place}`,
  sponsor: null,
  teamName: `Team ${place}`,
  school: "Oakwood Academy",
  projectTitle: null,
});
const blank: CeremonyState = {
  version: 4,
  started: true,
  blank: true,
  revealed: [],
  finished: false,
  toGive: [{ categoryId: "c1", count: 2 }],
};

describe("folding a reveal into the ceremony state", () => {
  it("appends the award, takes the new version, unblanks and says whether it is over", () => {
    const once = stateAfterReveal(blank, { ...award(3), version: 5, finished: false });
    expect(once).toEqual({
      version: 5,
      started: true,
      blank: false,
      revealed: [award(3)],
      finished: false,
      toGive: blank.toGive,
    });
    const twice = stateAfterReveal(once!, { ...award(2), version: 6, finished: true });
    expect(twice).toEqual({
      version: 6,
      started: true,
      blank: false,
      revealed: [award(3), award(2)],
      finished: true,
      toGive: blank.toGive,
    });
  });

  it("ignores a reveal the state already has", () => {
    const once = stateAfterReveal(blank, { ...award(3), version: 5, finished: false })!;
    expect(stateAfterReveal(once, { ...award(3), version: 5, finished: false })).toBeNull();
    expect(stateAfterReveal(once, { ...award(3), version: 4, finished: false })).toBeNull();
  });

  it("never lists an award twice, even after a gap in versions", () => {
    const once = stateAfterReveal(blank, { ...award(3), version: 5, finished: false })!;
    const again = stateAfterReveal(once, { ...award(3), version: 7, finished: false })!;
    expect(again.revealed).toEqual([award(3)]);
    expect(again.version).toBe(7);
  });
});
