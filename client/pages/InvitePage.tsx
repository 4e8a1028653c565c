import type { ApiGet } from "../../shared/api";
import { InviteAcceptSchema } from "../../shared/schemas/session";
import { GavelIcon } from "../components/Icons";
import { NewPasswordForm } from "../components/NewPasswordForm";
import { ErrorState, Loading } from "../components/States";
import { useQuery } from "../hooks/useQuery";
import { HOME_FOR } from "../hooks/useSession";
import { useTitle } from "../hooks/useTitle";
import { api, endpoint } from "../lib/api";
import { rememberEventSlug } from "../lib/myEvent";
import { Link } from "../lib/router";

type Invite = ApiGet["/invites/{token}"]["invite"];

/**
 * A judge or a school's teacher opens the link from the organizer (usually on a phone) and sets
 * a password.
 */
export function InvitePage({ params }: { params: Record<string, string> }) {
  useTitle("Your invite");
  const token = params.token ?? "";
  const invite = useQuery(endpoint("/invites/{token}", { token }));
  return (
    <div className="page page-narrow">
      <div className="card card-form">
        {invite.status === "loading" && <Loading label="Opening your invite…" />}
        {invite.status === "error" &&
          (invite.error.slug === "invite-used" ? (
            <>
              <h1>This invite has been used</h1>
              <p>
                You have already set a password with this link. Sign in with your email and that
                password.
              </p>
              <p>
                <Link className="btn btn-primary btn-block" to="/signin">
                  Sign in instead
                </Link>
              </p>
            </>
          ) : invite.error.slug === "not-found" ? (
            <>
              <h1>This invite link doesn't work</h1>
              <p>
                Check that you copied the whole link. If it still doesn't work, ask the organizer
                for a new invite link: making a new one stops the old one working.
              </p>
            </>
          ) : (
            <ErrorState error={invite.error} retry={invite.reload} />
          ))}
        {invite.status === "ready" && <AcceptForm token={token} invite={invite.data.invite} />}
      </div>
    </div>
  );
}

function AcceptForm({ token, invite }: { token: string; invite: Invite }) {
  return (
    <>
      <GavelIcon className="card-icon" />
      {invite.role === "teacher" ? (
        <>
          <h1>
            Hi {invite.name}, you're invited to bring {invite.school}'s teams to {invite.eventName}
          </h1>
          <p className="lead">
            Choose a password. You will use it with your email to sign in and follow your pupils'
            teams.
          </p>
        </>
      ) : (
        <>
          <h1>
            Hi {invite.name}, you're invited to judge {invite.eventName}
          </h1>
          <p className="lead">
            Choose a password. You will use it with your email to sign in and score the teams.
          </p>
        </>
      )}
      <NewPasswordForm
        schema={InviteAcceptSchema}
        passwordLabel="Password"
        submitLabel="Set password and start"
        send={(body) => api.send("POST /invites/{token}", { token }, body)}
        home={(user) => HOME_FOR[user.role]}
        // The judge's pages follow this event's clock; the API doesn't name it for judges.
        onSignedIn={(user) => rememberEventSlug(user.id, invite.eventSlug)}
      />
    </>
  );
}
