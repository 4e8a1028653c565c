/** Shows its children only to the right role; sends signed-out people to sign in and back. */
import { type ReactNode, useEffect } from "react";
import type { Role, SessionUser } from "../../shared/api";
import { AREA_NAME, HOME_FOR, useSession } from "../hooks/useSession";
import { Link, navigate, useLocation } from "../lib/router";
import { ErrorState, Loading } from "./States";

const WHO: Record<Role, string> = {
  organizer: "organizers",
  judge: "judges",
  team: "teams",
  teacher: "teachers",
};

export function RequireRole({
  allow: role,
  children,
}: {
  allow: Role;
  children: (user: SessionUser) => ReactNode;
}) {
  const { session, reload } = useSession();
  const location = useLocation();
  const signedOut = session.status === "ready" && session.user === null;

  useEffect(() => {
    // The part after "#" comes back too: a badge's QR code carries its check-in code there.
    const back = location.href + window.location.hash;
    if (signedOut) navigate(`/signin?next=${encodeURIComponent(back)}`, { replace: true });
  }, [signedOut, location.href]);

  if (session.status === "loading" || signedOut) return <Loading />;
  if (session.status === "error")
    return (
      <div className="page">
        <ErrorState error={session.message} retry={reload} />
      </div>
    );
  const { user } = session;
  if (!user) return <Loading />;
  if (user.role !== role)
    return (
      <div className="page page-narrow">
        <h1>This page is for {WHO[role]}</h1>
        <p>
          You are signed in as {user.name}, which is not one of the {WHO[role]}' accounts. If you
          need this page, ask an organizer.
        </p>
        <p>
          <Link className="btn btn-primary" to={HOME_FOR[user.role]}>
            Go to {AREA_NAME[user.role].toLowerCase()}
          </Link>
        </p>
      </div>
    );
  return <>{children(user)}</>;
}
