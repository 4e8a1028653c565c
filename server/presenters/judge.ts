import type { JudgeView } from "../../shared/api";
import type { JudgeRecord } from "../services/judges";

/** For organizers only: judges' emails are not shown to anyone else. */
export function presentJudge(judge: JudgeRecord): JudgeView {
  return {
    id: judge.id,
    name: judge.name,
    email: judge.email,
    schools: judge.schools,
    categoryIds: judge.categoryIds,
    accepted: judge.acceptedAt !== null,
    version: judge.version,
  };
}
