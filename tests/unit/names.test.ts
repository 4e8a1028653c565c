import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanTeamName, teamNameKey } from "../../shared/rules/names";

describe("team name keys", () => {
  it.each([
    ["case and spaces", "PIXEL   pandas"],
    ["an invisible space", "Pixel Pan\u200Bdas"],
    ["a right-to-left override", "Pixel \u202EPandas"],
    ["Cyrillic look-alikes", "\u0420\u0456xel Pandas"],
    ["Greek capitals", "\u03A1\u0399\u03A7\u0395L PANDAS"],
    ["full-width letters", "\uFF30\uFF49\uFF58\uFF45\uFF4C Pandas"],
    ["mathematical bold letters", "\u{1D40F}\u{1D422}\u{1D431}\u{1D41E}\u{1D425} Pandas"],
    ["a no-break space", "Pixel\u00A0Pandas"],
  ])("gives %s the key of Pixel Pandas", (_label, name) => {
    expect(teamNameKey(name)).toBe(teamNameKey("Pixel Pandas"));
  });

  it("keeps names that look different apart", () => {
    expect(teamNameKey("Pixel Pandas")).not.toBe(teamNameKey("Pixel Panda"));
    expect(teamNameKey("Pixel Pandas")).not.toBe(teamNameKey("Píxel Pandas"));
    expect(teamNameKey("Byte Club 1")).not.toBe(teamNameKey("Byte Club 2"));
  });

  it("is the same for a name and its stored form, whatever the name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (name) => {
        expect(teamNameKey(cleanTeamName(name))).toBe(teamNameKey(name));
      }),
    );
  });

  it("stores names without direction overrides or zero-width spaces, keeping emoji joiners", () => {
    expect(cleanTeamName("Pixel \u202EPandas\u200B")).toBe("Pixel Pandas");
    expect(cleanTeamName("Coders \u{1F469}\u200D\u{1F4BB}")).toBe(
      "Coders \u{1F469}\u200D\u{1F4BB}",
    );
  });
});
