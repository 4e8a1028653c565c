/**
 * The strip at the top of every judge page: time left, whether this phone is connected, and
 * how many scores are waiting to send. When the event's connection comes back, the outbox
 * is told to send at once instead of waiting for its next retry.
 */
import { type ReactNode, useEffect, useRef } from "react";
import { Countdown } from "../../components/Countdown";
import { UploadIcon, WifiIcon, WifiOffIcon } from "../../components/Icons";
import { type ConnectionStatus, useEventSocket } from "../../hooks/useEventSocket";
import { useOnline } from "../../hooks/useOnline";
import { plural } from "../../lib/format";
import { Link, useLocation } from "../../lib/router";
import { useOutbox } from "./useAssignments";

export function JudgeStatus({ userId, live }: { userId: string; live: boolean }) {
  return live ? <LiveStatus userId={userId} /> : <StatusStrip userId={userId} socket={null} />;
}

function LiveStatus({ userId }: { userId: string }) {
  const { status } = useEventSocket();
  const { outbox } = useOutbox(userId);
  const previous = useRef<ConnectionStatus>(status);
  useEffect(() => {
    if (status === "connected" && previous.current !== "connected") outbox.retryNow();
    previous.current = status;
  }, [status, outbox]);
  return <StatusStrip userId={userId} socket={status} countdown={<Countdown size="compact" />} />;
}

function StatusStrip({
  userId,
  socket,
  countdown,
}: {
  userId: string;
  socket: ConnectionStatus | null;
  countdown?: ReactNode;
}) {
  const online = useOnline();
  const location = useLocation();
  const { outbox, state } = useOutbox(userId);
  const waiting = state.pending.length;
  // Scores left from an earlier visit (a reload, a closed tab) are sent as the page opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens.
  useEffect(() => {
    void outbox.flush();
  }, []);
  const connection = !online
    ? "offline"
    : socket === null || socket === "connected" || socket === "failed"
      ? "online"
      : "connecting";

  return (
    <section className="judge-status" aria-label="Connection and time">
      {countdown && <div className="judge-status-clock">{countdown}</div>}
      <div className="judge-status-row">
        <p className={`judge-connection judge-connection-${connection}`}>
          {connection === "offline" ? <WifiOffIcon /> : <WifiIcon />}
          {connection === "offline"
            ? "Offline"
            : connection === "connecting"
              ? "Connecting…"
              : "Online"}
        </p>
        <p className="judge-outbox-count" role="status">
          {waiting > 0 && (
            <>
              <UploadIcon />
              {plural(waiting, "score")} waiting to send
            </>
          )}
        </p>
        {waiting > 0 && online && !state.sending && (
          <button type="button" className="btn btn-secondary btn-small" onClick={outbox.retryNow}>
            Send now
          </button>
        )}
      </div>
      {state.signedOut && (
        <p className="judge-status-note">
          You have been signed out. Your scores are kept on this phone:{" "}
          <Link to={`/signin?next=${encodeURIComponent(location.href)}`}>sign in again</Link> to
          send them.
        </p>
      )}
    </section>
  );
}
