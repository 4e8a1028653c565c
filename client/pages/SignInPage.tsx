import { type FormEvent, useRef, useState } from "react";
import type { SessionUser } from "../../shared/api";
import { SignInSchema } from "../../shared/schemas/session";
import { FormError, TextField } from "../components/Field";
import { Notice } from "../components/States";
import { useTitle } from "../hooks/useApi";
import { HOME_FOR, useSession } from "../hooks/useSession";
import { ApiError, api, messageOf } from "../lib/api";
import { type FieldErrors, focusFirstError, zodFieldErrors } from "../lib/forms";
import { Link, navigate, safeReturnPath, useLocation } from "../lib/router";

export function SignInPage() {
  useTitle("Sign in");
  const { user, setUser } = useSession();
  const { search } = useLocation();
  const next = safeReturnPath(search.get("next"));
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = SignInSchema.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { user } = await api.post<{ user: SessionUser }>("/session", parsed.data);
      setUser(user);
      navigate(next ?? HOME_FOR[user.role], { replace: true });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.slug === "invalid-credentials")
        setFormError(`${error.detail} Check both and try again.`);
      else setFormError(messageOf(error));
    }
  };

  return (
    <div className="page page-narrow">
      <div className="card card-form">
        <h1>Sign in</h1>
        <p className="lead">For organizers, judges and teams.</p>
        {user && (
          <Notice>
            <p>
              You are already signed in as {user.name}.{" "}
              <Link to={HOME_FOR[user.role]}>Go to your page</Link>
            </p>
          </Notice>
        )}
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <TextField
            label="Email"
            error={errors.email}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onValue={setEmail}
          />
          <TextField
            label="Password"
            error={errors.password}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p className="form-footnote">
          <Link to="/forgot">Forgot your password?</Link>
        </p>
        <p className="small muted form-footnote">
          Judges: if you have not set a password yet, open the invite link the organizer sent you.
        </p>
      </div>
    </div>
  );
}
