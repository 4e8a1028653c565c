import { describe, expect, it } from "vitest";
import { CategoryCreateSchema, EventCreateSchema, SlugSchema } from "../../shared/schemas/event";
import { DateOfBirthSchema } from "../../shared/schemas/team";
import { buildCategory, buildEvent } from "../helpers/factories";

describe("EventCreateSchema", () => {
  it("fills in the default team size and age limit", () => {
    const parsed = EventCreateSchema.parse(buildEvent());
    expect(parsed.maxTeamSize).toBe(4);
    expect(parsed.maxAge).toBe(18);
  });

  it("refuses unknown keys", () => {
    const result = EventCreateSchema.safeParse({ ...buildEvent(), admin: true });
    expect(result.success).toBe(false);
  });

  it("refuses an unknown time zone and a time without a zone", () => {
    expect(EventCreateSchema.safeParse(buildEvent({ timezone: "Mars/Olympus" })).success).toBe(
      false,
    );
    expect(
      EventCreateSchema.safeParse(buildEvent({ startsAt: "2026-03-14T09:00:00" })).success,
    ).toBe(false);
  });

  it("trims text and refuses text made only of spaces", () => {
    expect(EventCreateSchema.parse(buildEvent({ name: "  Hack  " })).name).toBe("Hack");
    expect(EventCreateSchema.safeParse(buildEvent({ name: "   " })).success).toBe(false);
  });
});

describe("SlugSchema", () => {
  it.each(["hmj-2026", "abc", "a1-b2-c3"])("accepts %s", (slug) => {
    expect(SlugSchema.safeParse(slug).success).toBe(true);
  });
  it.each(["new", "ab", "-abc", "abc-", "a--b", "has space", "émoji", "x".repeat(61)])(
    "refuses %j",
    (slug) => {
      expect(SlugSchema.safeParse(slug).success).toBe(false);
    },
  );
});

describe("CategoryCreateSchema", () => {
  it("refuses two criteria with the same name, ignoring case", () => {
    const result = CategoryCreateSchema.safeParse(
      buildCategory({
        criteria: [
          { name: "Fun", weight: 1, maxScore: 5 },
          { name: "fun", weight: 1, maxScore: 5 },
        ],
      }),
    );
    expect(result.success).toBe(false);
  });

  it("refuses a tie-break that is not one of the criteria", () => {
    expect(
      CategoryCreateSchema.safeParse(buildCategory({ tieBreakCriterion: "Luck" })).success,
    ).toBe(false);
    expect(
      CategoryCreateSchema.safeParse(buildCategory({ tieBreakCriterion: "technical" })).success,
    ).toBe(true);
  });

  it.each([
    ["a fractional weight", { weight: 1.5 }],
    ["a zero weight", { weight: 0 }],
    ["a maximum score above the cap", { maxScore: 21 }],
    ["a string weight", { weight: "3" }],
  ])("refuses %s", (_label, patch) => {
    const category = buildCategory();
    const criteria = [{ ...category.criteria[0]!, ...patch }] as typeof category.criteria;
    expect(CategoryCreateSchema.safeParse({ ...category, criteria }).success).toBe(false);
  });
});

describe("DateOfBirthSchema", () => {
  it("asks for day, month and year when empty, not for a format the form does not show", () => {
    const result = DateOfBirthSchema.safeParse("");
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      "Choose the day, month and year of birth.",
    ]);
  });

  it("names the format for a date typed some other way, and refuses a day that does not exist", () => {
    expect(DateOfBirthSchema.safeParse("31/05/2012").error!.issues[0]!.message).toMatch(
      /YYYY-MM-DD/,
    );
    expect(DateOfBirthSchema.safeParse("2012-02-30").error!.issues[0]!.message).toMatch(
      /does not exist/,
    );
    expect(DateOfBirthSchema.safeParse("2012-05-31").success).toBe(true);
  });
});
