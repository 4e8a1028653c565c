import type { SubmissionVersionView, SubmissionView } from "../../shared/api";
import type { SubmissionRow } from "../services/submissions";

/** A submission as teams, organizers and judges see it: the project only, never member names. */
export function presentSubmission(
  row: SubmissionRow,
  team: { teamName: string; categoryId: string },
): SubmissionView {
  return {
    teamId: row.teamId,
    teamName: team.teamName,
    categoryId: team.categoryId,
    title: row.title,
    summary: row.summary,
    repoUrl: row.repoUrl,
    demoUrl: row.demoUrl,
    videoUrl: row.videoUrl,
    builtWith: row.builtWith,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentVersion(row: {
  version: number;
  title: string;
  summary: string;
  repoUrl: string | null;
  demoUrl: string | null;
  videoUrl: string | null;
  builtWith: string[];
  savedAt: Date;
  withdrawnAt: Date | null;
}): SubmissionVersionView {
  return {
    version: row.version,
    title: row.title,
    summary: row.summary,
    repoUrl: row.repoUrl,
    demoUrl: row.demoUrl,
    videoUrl: row.videoUrl,
    builtWith: row.builtWith,
    savedAt: row.savedAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  };
}
