import { describe, expect, it } from "vitest";
import { checkInLink, formatCheckInCode, parseCheckInCode } from "../../shared/rules/checkInCode";

const ID = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
const SIGNATURE = "abcdefghijklmnopqrstu_";

describe("check-in codes", () => {
  it("reads a code from the link a QR code holds, or typed bare", () => {
    const code = formatCheckInCode("member", ID, SIGNATURE);
    const expected = { kind: "member", id: ID, signature: SIGNATURE };
    expect(parseCheckInCode(checkInLink("http://192.168.1.20:3000", "hmj-2026", code))).toEqual(
      expected,
    );
    expect(parseCheckInCode(`  ${code}\n`)).toEqual(expected);
    expect(parseCheckInCode(formatCheckInCode("team", ID, SIGNATURE))?.kind).toBe("team");
  });

  it("refuses anything without a code's shape", () => {
    for (const text of [
      "",
      "hello",
      `x.${ID}.${SIGNATURE}`,
      `m.${ID}.${SIGNATURE.slice(1)}`,
      `m.${ID}.${SIGNATURE}A`,
      `m.${ID.toUpperCase()}.${SIGNATURE}`,
      `m.${ID}.${SIGNATURE.replace("a", "+")}`,
      `https://example.org/organize/x/check-in#m.${ID}`,
    ])
      expect(parseCheckInCode(text), text).toBeNull();
  });
});
