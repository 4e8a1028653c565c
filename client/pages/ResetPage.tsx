/**
 * A one-time link to choose a new password (made by an organizer at the desk, or mailed from
 * "Forgot your password?"). Choosing one signs this browser in and every other one out.
 */
import { type FormEvent, useRef, useState } from "react";
import type { ResetView, SessionUser } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import { ResetCompleteSchema } from "../../shared/schemas/session";
import { FormError, TextField } from "../components/Field";
import { LockIcon } from "../components/Icons";
import { ErrorState, Loading } from "../components/States";
import { useTitle } from "../hooks/useApi";
import { useQuery } from "../hooks/useQuery";
import { HOME_FOR, useSession } from "../hooks/useSession";
import { api, endpoint, messageOf, seg } from "../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../lib/forms";
import { Link, navigate } from "../lib/router";

export function ResetPage({ params }: { params: Record<string, string> }) {
  useTitle("Choose a new password");
  const token = params.token ?? "";
  const reset = useQuery(endpoint("/password-resets/{token}", { token }));
  return (
    <div className="page page-narrow">
      <div className="card card-form">
        {reset.status === "loading" && <Loading label="Opening your link…" />}
        {reset.status === "error" &&
          (["reset-used", "reset-expired", "not-found"].includes(reset.error.slug) ? (
            <>
              <h1>This link doesn't work any more</h1>
              <p>{reset.error.detail}</p>
              <p>
                <Link className="btn btn-primary btn-block" to="/forgot">
                  Get a new link
                </Link>
              </p>
            </>
          ) : (
            <ErrorState error={reset.error} retry={reset.reload} />
          ))}
        {reset.status === "ready" && <NewPasswordForm token={token} reset={reset.data.reset} />}
      </div>
    </div>
  );
}

function NewPasswordForm({ token, reset }: { token: string; reset: ResetView }) {
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
    const parsed = ResetCompleteSchema.safeParse({ password });
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
      const { user } = await api.post<{ user: SessionUser }>(
        `/password-resets/${seg(token)}`,
        parsed.data,
      );
      setUser(user);
      navigate(HOME_FOR[user.role], { replace: true });
    } catch (error) {
      setBusy(false);
      setErrors(problemFieldErrors(error, ["password"]));
      setFormError(messageOf(error));
    }
  };

  return (
    <>
      <LockIcon className="card-icon" />
      <h1>Choose a new password</h1>
      <p className="lead">
        For <strong>{reset.email}</strong>. You will be signed out on every other phone or computer.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <TextField
          label="New password"
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
          {busy ? "Saving…" : "Save and sign in"}
        </button>
      </form>
    </>
  );
}
