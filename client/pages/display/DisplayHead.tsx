import type { EventView } from "../../../shared/api";
import { LogoMark, WifiOffIcon } from "../../components/Icons";
import { useEventSocket } from "../../hooks/useEventSocket";

/** The event's name, the connection if it is not well, and the sponsors: on every screen but the ceremony. */
export function DisplayHead({ event }: { event: EventView }) {
  const { status } = useEventSocket();
  const sponsors = [...new Set(event.prizes.map((p) => p.sponsor).filter(Boolean))];
  return (
    <header className="display-head">
      <div className="display-brand">
        <LogoMark className="display-logo" />
        <h1 className="display-title">{event.name}</h1>
      </div>
      {status !== "connected" && (
        <p className="display-offline" role="status">
          <WifiOffIcon />
          {status === "connecting"
            ? "Connecting…"
            : status === "failed"
              ? "Can't find this event"
              : "Reconnecting…"}
        </p>
      )}
      {sponsors.length > 0 && (
        <p className="display-sponsors">
          <span className="display-label">Sponsors</span> {sponsors.join(" · ")}
        </p>
      )}
    </header>
  );
}
