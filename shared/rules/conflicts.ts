/**
 * Whether a judge may score a team: the team is in one of the judge's categories and no
 * member comes from a school the judge declared (conflict of interest). Schools are compared
 * by id: a school merged from two spellings is one school.
 */
export function hasConflict(
  judgeSchoolIds: readonly string[],
  teamSchoolIds: readonly string[],
): boolean {
  const declared = new Set(judgeSchoolIds);
  return teamSchoolIds.some((id) => declared.has(id));
}

export function mayScore(
  judge: { categoryIds: readonly string[]; schoolIds: readonly string[] },
  team: { categoryId: string; schoolIds: readonly string[] },
): boolean {
  return (
    judge.categoryIds.includes(team.categoryId) && !hasConflict(judge.schoolIds, team.schoolIds)
  );
}
