import { type FormEvent, useRef, useState } from "react";
import type { SessionUser } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import { InviteAcceptSchema } from "../../shared/schemas/session";
import { FormError, TextField } from "../components/Field";
import { GavelIcon } from "../components/Icons";
import { ErrorState, Loading } from "../components/States";
import { useTitle } from "../hooks/useApi";
import { useQuery } from "../hooks/useQuery";
import { useSession } from "../hooks/useSession";
import { api, endpoint, messageOf, seg } from "../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../lib/forms";
import { rememberEventSlug } from "../lib/myEvent";
import { Link, navigate } from "../lib/router";

interface Invite {
  name: string;
  eventName: string;
  eventSlug: string;
}

/** A judge opens the link from the organizer (usually on a phone) and sets a password. */
export function InvitePage({ params }: { params: Record<string, string> }) {
  useTitle("Your judging invite");
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
                <Link className="btn btn-primary btn-block" to="/signin?next=%2Fjudge">
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
  const { setUser } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = InviteAcceptSchema.safeParse({ password });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!found.password && confirm !== password)
      found.confirm = "The two passwords are different. Type the same password twice.";
    if (!parsed.success || found.confirm) {
      setErrors(found);
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { user } = await api.post<{ user: SessionUser }>(`/invites/${seg(token)}`, parsed.data);
      // The judge's pages follow this event's clock; the API doesn't name it for judges.
      rememberEventSlug(user.id, invite.eventSlug);
      setUser(user);
      navigate("/judge", { replace: true });
    } catch (error) {
      setBusy(false);
      setErrors(problemFieldErrors(error, ["password"]));
      setFormError(messageOf(error));
    }
  };

  return (
    <>
      <GavelIcon className="card-icon" />
      <h1>
        Hi {invite.name}, you're invited to judge {invite.eventName}
      </h1>
      <p className="lead">
        Choose a password. You will use it with your email to sign in and score the teams.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <TextField
          label="Password"
          hint={`At least ${LIMITS.passwordMin} characters.`}
          error={errors.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
        />
        <TextField
          label="Type the password again"
          error={errors.confirm}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValue={setConfirm}
        />
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={busy}>
          {busy ? "Saving…" : "Set password and start"}
        </button>
      </form>
    </>
  );
}
