/** The team's check-in QR code: show it at the desk and the organizer scans it. */
import type { CheckInCodeView } from "../../../shared/api";
import { QrCode } from "../../components/QrCode";
import { ErrorState, Loading } from "../../components/States";
import { useApi } from "../../hooks/useApi";

export function TeamCheckInCode({ teamName }: { teamName: string }) {
  const code = useApi<CheckInCodeView>("/teams/me/check-in-code");
  if (code.status === "loading") return <Loading label="Loading your check-in code…" />;
  if (code.status === "error") return <ErrorState error={code.error} retry={code.reload} />;
  return (
    <figure className="qr-figure">
      <QrCode text={code.data.link} label={`Check-in code for ${teamName}`} />
      <figcaption className="small">
        Show this code at the check-in desk. Your badges have codes too.
      </figcaption>
    </figure>
  );
}
