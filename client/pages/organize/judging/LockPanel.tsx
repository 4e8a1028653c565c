/** Locking scoring: the end of judging, asked for twice because it can't be undone. */
import { useState } from "react";
import type { Leaderboard } from "../../../../shared/api";
import { ConfirmPanel, useReturnFocus } from "../../../components/ConfirmPanel";
import { LockIcon } from "../../../components/Icons";
import { useMutation } from "../../../hooks/useMutation";
import { api } from "../../../lib/api";
import { Link } from "../../../lib/router";
import type { LiveResource } from "../useLiveVersioned";

export function LockPanel({ slug, board }: { slug: string; board: LiveResource<Leaderboard> }) {
  const [asking, setAsking] = useState(false);
  const lock = useMutation(() => api.send("POST /events/{slug}/scoring/lock", { slug }), {
    onSuccess: () => {
      if (board.status === "ready") board.apply({ ...board.data, locked: true });
      setAsking(false);
    },
  });
  const openRef = useReturnFocus(asking);

  if (board.status !== "ready") return null;
  const locked = board.data.locked;

  return (
    <section className="card judging-lock-card" aria-labelledby="lock-title">
      <h2 id="lock-title">
        <LockIcon /> Lock scoring
      </h2>
      {locked ? (
        <>
          <p role="status">
            <strong>Scoring is locked.</strong> Judges can no longer change any score, and the
            ranking is final. You can run the ceremony.
          </p>
          <p>
            <Link className="btn btn-primary" to={`/organize/${slug}/ceremony`}>
              Go to the ceremony
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            When every team has its scores, lock scoring. After that, judges can't change any score,
            the ranking is final, and the ceremony can start. Locking can't be undone.
          </p>
          {!asking ? (
            <button
              ref={openRef}
              type="button"
              className="btn btn-secondary"
              onClick={() => setAsking(true)}
            >
              Lock scoring
            </button>
          ) : (
            <ConfirmPanel
              className="confirm judging-lock-confirm"
              legend="Lock scoring"
              question="Lock scoring now? Judges still scoring will be stopped, and this can't be undone."
              error={lock.message}
              confirm={lock.busy ? "Locking…" : "Yes, lock scoring"}
              onConfirm={() => void lock.run()}
              danger
              busy={lock.busy}
              cancel="Not yet"
              onCancel={() => setAsking(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
