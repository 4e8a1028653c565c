import type { AssignmentView } from "../../shared/api";
import { cardTotal } from "../../shared/rules/ranking";
import type { JudgeListEntry } from "../services/judging/assignments";
import { presentSubmission } from "./submission";

/** One team on a judge's list: the project, the rubric and the judge's own card, nothing else. */
export function presentAssignment(entry: JudgeListEntry): AssignmentView {
  const { team, category, submission, card, notes } = entry;
  return {
    teamId: team.id,
    teamName: team.name,
    categoryId: team.categoryId,
    categoryName: category.name,
    schools: team.schools,
    submission: submission
      ? presentSubmission(submission, { teamName: team.name, categoryId: team.categoryId })
      : null,
    criteria: category.criteriaRows.map((k) => ({
      id: k.id,
      name: k.name,
      description: k.description,
      weight: k.weight,
      maxScore: k.maxScore,
    })),
    myScores: card?.scores ?? {},
    myComment: card?.comment ?? null,
    myCommentShared: card?.commentShared ?? true,
    myCriterionComments: notes,
    version: card?.version ?? 0,
    complete: card ? cardTotal(category, card) !== null : false,
  };
}
