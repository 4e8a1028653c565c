import { WifiIcon, WifiOffIcon } from "../../components/Icons";
import { useEventSocket } from "../../hooks/useEventSocket";

/** Whether the numbers on screen are updating by themselves. */
export function LiveBadge() {
  const { status } = useEventSocket();
  if (status === "connected")
    return (
      <span className="badge badge-ok">
        <WifiIcon /> Live: updates by itself
      </span>
    );
  return (
    <span className="badge badge-wait">
      <WifiOffIcon />
      {status === "failed"
        ? "Not live: reload the page"
        : status === "connecting"
          ? "Connecting…"
          : "Reconnecting… numbers may be behind"}
    </span>
  );
}
