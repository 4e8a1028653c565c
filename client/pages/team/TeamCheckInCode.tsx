import { QrCode } from "../../components/QrCode";
import { ErrorState, Loading } from "../../components/States";
import { useQuery } from "../../hooks/useQuery";
import { endpoint } from "../../lib/api";

export function TeamCheckInCode({ teamName }: { teamName: string }) {
  const code = useQuery(endpoint("/teams/me/check-in-code"));
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
