// A cell a spreadsheet would read as a formula: one that starts (after any spaces) with
// = + - @ or their full-width forms, or with a tab, carriage return or line feed.
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One CSV cell. Every cell is quoted, so a spreadsheet that splits on ";" or tabs instead of
 * commas still sees one cell, and a cell that would start a formula gets a leading
 * apostrophe (OWASP's advice), since team names and notes are typed by the public. A phone
 * number like +44 7700 900123 keeps every digit: it reads '+44 7700 900123 and stays text,
 * where a spreadsheet would otherwise try to work it out as a sum.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(
  header: string[],
  rows: (string | number | boolean | null | undefined)[][],
): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
