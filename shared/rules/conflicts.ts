/**
 * Whether a judge may score a team: the team is in one of the judge's categories and no
 * member comes from a school the judge declared (conflict of interest). Schools are compared
 * by their normalized keys (see normalizeSchool).
 */
export function hasConflict(
  judgeSchoolKeys: readonly string[],
  teamSchoolKeys: readonly string[],
): boolean {
  const declared = new Set(judgeSchoolKeys);
  return teamSchoolKeys.some((key) => declared.has(key));
}

export function mayScore(
  judge: { categoryIds: readonly string[]; schoolKeys: readonly string[] },
  team: { categoryId: string; schoolKeys: readonly string[] },
): boolean {
  return (
    judge.categoryIds.includes(team.categoryId) && !hasConflict(judge.schoolKeys, team.schoolKeys)
  );
}
