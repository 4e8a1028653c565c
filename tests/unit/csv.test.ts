import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../server/lib/csv";

/** Splits a line the way a spreadsheet set to another separator, honouring quotes, would. */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

const FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|^\s+[=+\-@]/;

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-1+1", "'-1+1"],
    ["@cmd", "'@cmd"],
    ["\t=1+1", "'\t=1+1"],
    ["  =1+1", "'  =1+1"],
    ["\uFF1D1+1", "'\uFF1D1+1"],
  ])("prefixes a formula start in %j", (value, shown) => {
    expect(cells(csvCell(value), ",")).toEqual([shown]);
  });

  it.each([",", ";", "\t"])(
    "leaves no formula at the start of any cell when a spreadsheet splits on %j",
    (separator) => {
      const values = ["Pixel;=1+1", "nuts\t=cmd|' /C calc'!A0, eggs", "@SUM(1)"];
      const line = toCsv(["team", "notes", "more"], [values]).split("\r\n")[1]!;
      const read = cells(line, separator);
      if (separator === ",") expect(read).toEqual([values[0], values[1], `'${values[2]}`]);
      for (const cell of read) expect(cell).not.toMatch(FORMULA);
    },
  );

  it("keeps every digit of a phone number, as text", () => {
    expect(cells(csvCell("+44 7700 900123"), ",")).toEqual(["'+44 7700 900123"]);
    expect(cells(csvCell("07700 900123"), ",")).toEqual(["07700 900123"]);
  });

  it("quotes every cell and doubles quotes inside", () => {
    expect(toCsv(["a"], [['say "hi"'], [null], [3]])).toBe('"a"\r\n"say ""hi"""\r\n""\r\n"3"\r\n');
  });
});
