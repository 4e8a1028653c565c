/**
 * The team's unsaved project, kept in this browser (per team) on every keystroke, so a closed
 * tab or a flat battery loses nothing. Saving to the server clears it.
 */
import type { SubmissionView } from "../../../shared/api";

export interface SubmissionFields {
  title: string;
  summary: string;
  repoUrl: string;
  demoUrl: string;
  videoUrl: string;
  builtWith: string[];
}

export interface Draft {
  fields: SubmissionFields;
  /** The server version the team was editing (0 before the first save). */
  baseVersion: number;
  /** When it was last typed in (this device's clock, epoch ms). */
  at: number;
}

const keyFor = (teamId: string) => `hmj:submission-draft:${teamId}`;

export const EMPTY_FIELDS: SubmissionFields = {
  title: "",
  summary: "",
  repoUrl: "",
  demoUrl: "",
  videoUrl: "",
  builtWith: [],
};

export function fieldsOf(submission: SubmissionView | null): SubmissionFields {
  if (!submission) return EMPTY_FIELDS;
  return {
    title: submission.title,
    summary: submission.summary,
    repoUrl: submission.repoUrl ?? "",
    demoUrl: submission.demoUrl ?? "",
    videoUrl: submission.videoUrl ?? "",
    builtWith: submission.builtWith,
  };
}

export function sameFields(a: SubmissionFields, b: SubmissionFields): boolean {
  return (
    a.title.trim() === b.title.trim() &&
    a.summary.trim() === b.summary.trim() &&
    a.repoUrl.trim() === b.repoUrl.trim() &&
    a.demoUrl.trim() === b.demoUrl.trim() &&
    a.videoUrl.trim() === b.videoUrl.trim() &&
    a.builtWith.join("\n") === b.builtWith.join("\n")
  );
}

export function readDraft(teamId: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyFor(teamId));
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    if (!draft?.fields || typeof draft.fields.title !== "string") return null;
    return { ...draft, fields: { ...EMPTY_FIELDS, ...draft.fields } };
  } catch {
    return null;
  }
}

export function writeDraft(teamId: string, draft: Draft) {
  try {
    localStorage.setItem(keyFor(teamId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still holds the text.
  }
}

export function clearDraft(teamId: string) {
  try {
    localStorage.removeItem(keyFor(teamId));
  } catch {
    // Nothing to do.
  }
}
