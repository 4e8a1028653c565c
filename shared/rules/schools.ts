/**
 * Normalizes a school name so that case, spacing, punctuation and "St."/"St"/"Saint"
 * do not make two schools out of one.
 */
export function normalizeSchool(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((word) => (word === "saint" ? "st" : word))
    .join(" ");
}
