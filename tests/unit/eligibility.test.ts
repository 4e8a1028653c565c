import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOn,
  type EligibilityRules,
  parseIsoDate,
  teamProblems,
} from "../../shared/rules/eligibility";

const d = (s: string) => parseIsoDate(s)!;
const rules: EligibilityRules = {
  firstDay: "2026-03-14",
  maxAge: 18,
  maxTeamSize: 4,
  singleSchool: false,
};
const member = (
  over: Partial<{ firstName: string; dateOfBirth: string; school: string }> = {},
) => ({
  firstName: "Sam",
  dateOfBirth: "2012-05-31",
  school: "Trinity High School",
  ...over,
});

describe("parseIsoDate", () => {
  it.each(["2026-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "25-01-01", "2025-1-1", ""])(
    "refuses %j",
    (s) => expect(parseIsoDate(s)).toBeNull(),
  );
  it("accepts 29 February in a leap year", () =>
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 }));
});

describe("ageOn", () => {
  it("counts a birthday on the day itself", () => {
    expect(ageOn(d("2007-03-14"), d("2026-03-14"))).toBe(19);
    expect(ageOn(d("2007-03-15"), d("2026-03-14"))).toBe(18);
  });

  it("gives someone born on 29 February their birthday on 1 March in other years", () => {
    expect(ageOn(d("2008-02-29"), d("2026-02-28"))).toBe(17);
    expect(ageOn(d("2008-02-29"), d("2026-03-01"))).toBe(18);
    expect(ageOn(d("2008-02-29"), d("2028-02-29"))).toBe(20);
  });

  it("matches counting whole years forward from the birth date", () => {
    const date = fc
      .record({
        year: fc.integer({ min: 1990, max: 2030 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .filter(
        (x) =>
          parseIsoDate(
            `${x.year}-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`,
          ) !== null,
      );
    fc.assert(
      fc.property(date, date, (birth, on) => {
        fc.pre(
          on.year * 10000 + on.month * 100 + on.day >=
            birth.year * 10000 + birth.month * 100 + birth.day,
        );
        // Reference: the largest n such that the n-th birthday (29 Feb → 1 Mar in common years) is on or before `on`.
        const birthday = (n: number) => {
          const y = birth.year + n;
          const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
          const [m, dd] =
            birth.month === 2 && birth.day === 29 && !leap ? [3, 1] : [birth.month, birth.day];
          return y * 10000 + m * 100 + dd;
        };
        let n = 0;
        while (birthday(n + 1) <= on.year * 10000 + on.month * 100 + on.day) n++;
        expect(ageOn(birth, on)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("teamProblems", () => {
  it("explains an age problem with the name, the age and the first day", () => {
    const problems = teamProblems([member({ dateOfBirth: "2007-03-14" })], rules);
    expect(problems).toEqual([
      {
        slug: "too-old",
        path: "members.0.dateOfBirth",
        message: "Sam will be 19 on 14 March 2026, the first day; the event is for 18 and under.",
      },
    ]);
  });

  it("accepts someone who turns 19 the day after the first day", () => {
    expect(teamProblems([member({ dateOfBirth: "2007-03-15" })], rules)).toEqual([]);
  });

  it("refuses a date of birth after the first day", () => {
    expect(teamProblems([member({ dateOfBirth: "2026-03-15" })], rules)[0]?.slug).toBe("not-born");
  });

  it("refuses a fifth member and accepts a fourth", () => {
    expect(
      teamProblems(
        Array.from({ length: 4 }, () => member()),
        rules,
      ),
    ).toEqual([]);
    const five = teamProblems(
      Array.from({ length: 5 }, () => member()),
      rules,
    );
    expect(five.map((p) => p.slug)).toEqual(["team-too-large"]);
  });

  it("in a single-school category, names the member from another school", () => {
    const problems = teamProblems(
      [
        member({ school: "St Mary's High School" }),
        member({ firstName: "Ali", school: "Saint Marys High School" }),
        member({ firstName: "Jo", school: "Oakwood Academy" }),
      ],
      { ...rules, singleSchool: true },
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ slug: "mixed-schools", path: "members.2.school" });
    expect(problems[0]!.message).toContain("Jo is from Oakwood Academy");
  });

  it("allows mixed schools in an open category", () => {
    expect(
      teamProblems([member({ school: "A School" }), member({ school: "B School" })], rules),
    ).toEqual([]);
  });

  it("checks a new member against the members already on the team", () => {
    const problems = teamProblems(
      [member({ school: "Other School" })],
      { ...rules, singleSchool: true },
      {
        existing: [member({ school: "Trinity High School" })],
      },
    );
    expect(problems[0]?.slug).toBe("mixed-schools");
  });
});
