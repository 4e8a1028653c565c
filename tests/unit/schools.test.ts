import { describe, expect, it } from "vitest";
import { normalizeSchool } from "../../shared/rules/schools";

describe("normalizeSchool", () => {
  it.each([
    ["St Mary's High School", "St. Marys High School"],
    ["Saint Mary's High School", "st marys high school"],
    ["  ST. MARY'S  HIGH   SCHOOL ", "St Mary’s High School"],
    ["Altrincham Grammar School for Girls", "altrincham grammar school for girls"],
    ["Xaverian Sixth-Form College", "Xaverian Sixth Form College"],
    ["Bury & District", "Bury and District"],
  ])("treats %j and %j as one school", (a, b) => {
    expect(normalizeSchool(a)).toBe(normalizeSchool(b));
  });

  it("keeps different schools apart", () => {
    expect(normalizeSchool("St Mary's High School")).not.toBe(
      normalizeSchool("St Marks High School"),
    );
  });

  it("does not turn a word that merely contains 'saint' into 'st'", () => {
    expect(normalizeSchool("Saintfield Academy")).toBe("saintfield academy");
  });
});
