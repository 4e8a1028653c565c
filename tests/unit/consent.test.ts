import { describe, expect, it } from "vitest";
import { consentTerms, guardianEmailProblems } from "../../shared/rules/consent";

const member = (firstName: string, email: string) => ({ firstName, guardian: { email } });

describe("a guardian's email", () => {
  it("may not be the team's sign-in email, whatever the case or spaces", () => {
    const problems = guardianEmailProblems(
      [member("Ada", "pat@example.com"), member("Sam", " Team@Example.com ")],
      "team@example.com",
    );
    expect(problems).toEqual([
      {
        path: "members.1.guardian.email",
        message: expect.stringContaining("Use Sam's parent or guardian's own email"),
      },
    ]);
  });

  it("may be shared by siblings, and is not checked before the sign-in email is typed", () => {
    const siblings = [member("Sam", "chris@example.com"), member("Alex", "chris@example.com")];
    expect(guardianEmailProblems(siblings, "team@example.com")).toEqual([]);
    expect(guardianEmailProblems([member("Sam", "")], "")).toEqual([]);
  });

  it("names the field without a prefix for a member added on their own", () => {
    const [problem] = guardianEmailProblems([member("", "a@b.co")], "A@b.co", () => "");
    expect(problem?.path).toBe("guardian.email");
    expect(problem?.message).toContain("Use the parent or guardian's own email");
  });
});

describe("what consent covers", () => {
  it("names taking part, the medical notes and photos (as a separate choice)", () => {
    const { covers } = consentTerms({
      firstName: "Sam",
      teamName: "Byte Club",
      eventName: "HMJ 2026",
      venue: "Manchester Central",
    });
    expect(covers).toHaveLength(3);
    expect(covers[0]).toContain("Sam taking part in HMJ 2026 at Manchester Central");
    expect(covers[1]).toMatch(/medical/);
    expect(covers[2]).toMatch(/^Photos and video: only if you say yes separately/);
  });
});
