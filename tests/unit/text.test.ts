import { describe, expect, it } from "vitest";
import { ScoreSaveSchema } from "../../shared/schemas/judging";
import { SubmissionSaveSchema } from "../../shared/schemas/submission";
import { MemberSchema, TeamNameSchema } from "../../shared/schemas/team";
import { buildMember } from "../helpers/factories";

const CONTROLS = ["\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\uD800"];

describe("text fields", () => {
  it.each(CONTROLS)("refuse %j in every text field of a member, naming the field", (ch) => {
    const fields = [
      ["firstName", { firstName: `Ada${ch}` }],
      ["lastName", { lastName: `Love${ch}lace` }],
      ["school", { school: `Trinity${ch}` }],
      ["guardian.name", { guardian: { name: `Pat${ch}`, email: "pat@example.com" } }],
      ["medical", { medical: `Asthma${ch}` }],
      ["dietary", { dietary: `${ch}Vegan` }],
    ] as const;
    for (const [path, override] of fields) {
      const result = MemberSchema.safeParse(buildMember(override));
      expect(result.success, path).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([path]);
      expect(result.error?.issues[0]?.message).toMatch(/hidden character/);
    }
  });

  it("refuse a line break in one-line text but keep line breaks and tabs in notes", () => {
    expect(TeamNameSchema.safeParse("Byte\nClub").success).toBe(false);
    const member = MemberSchema.parse(buildMember({ medical: "Asthma:\r\n\tinhaler" }));
    expect(member.medical).toBe("Asthma:\n\tinhaler");
  });

  it("refuse control characters in comments, summaries, web addresses and idempotency keys", () => {
    expect(ScoreSaveSchema.safeParse({ scores: {}, comment: "Great\u0000" }).success).toBe(false);
    expect(
      ScoreSaveSchema.safeParse({ scores: {}, idempotencyKey: "key\u0000key\u0000" }).success,
    ).toBe(false);
    const submission = { title: "Quiz", summary: "Works" };
    expect(SubmissionSaveSchema.safeParse({ ...submission, summary: "a\u0000" }).success).toBe(
      false,
    );
    expect(
      SubmissionSaveSchema.safeParse({ ...submission, repoUrl: "https://x.example/\u0000" })
        .success,
    ).toBe(false);
    expect(SubmissionSaveSchema.parse({ ...submission, summary: "a\r\nb" }).summary).toBe("a\nb");
  });

  it("refuse a team name made only of invisible characters", () => {
    expect(TeamNameSchema.safeParse("\u200B\u202E").success).toBe(false);
  });
});
