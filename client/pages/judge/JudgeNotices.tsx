/** What the judge must know before scoring: refused saves, the lock, an out-of-date list. */
import { Notice } from "../../components/States";
import { useOutbox } from "./useAssignments";

export function JudgeNotices({
  userId,
  stale,
  reload,
}: {
  userId: string;
  stale: boolean;
  reload?: () => void;
}) {
  const { outbox, state } = useOutbox(userId);
  // A refusal because of the lock is said once, by the lock notice.
  const problems = state.problems.filter((p) => p.slug !== "scoring-locked");
  return (
    <>
      {state.locked && (
        <Notice tone="warning" title="Scoring is locked" live>
          <p>
            The organizers have locked scoring to prepare the results, so scores can't change now.
            Thank you for judging!
          </p>
        </Notice>
      )}
      {problems.map((p) => (
        <Notice
          key={p.key}
          tone="error"
          title={`Your scores for ${p.teamName} were not saved`}
          live
        >
          <p>{p.message}</p>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => outbox.dismissProblem(p.key)}
          >
            OK
          </button>
        </Notice>
      ))}
      {stale && (
        <Notice tone="info">
          <p>
            You seem to be offline, so this is the list from your last visit. You can still score:
            your scores are kept on this phone and sent when you're back online.
          </p>
          {reload && (
            <button type="button" className="btn btn-secondary btn-small" onClick={reload}>
              Try again
            </button>
          )}
        </Notice>
      )}
    </>
  );
}
