import { useState } from "react";
import { SignInSchema } from "../../shared/schemas/session";
import { EmailField, FormError, TextField } from "../components/Field";
import { Notice } from "../components/States";
import { useFormSubmit } from "../hooks/useMutation";
import { HOME_FOR, useSession } from "../hooks/useSession";
import { useTitle } from "../hooks/useTitle";
import { api } from "../lib/api";
import { Link, navigate, safeReturnPath, useLocation } from "../lib/router";

export function SignInPage() {
  useTitle("Sign in");
  const { user, setUser } = useSession();
  const { search } = useLocation();
  const next = safeReturnPath(search.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useFormSubmit({
    parse: () => SignInSchema.safeParse({ email, password }),
    fields: ["email", "password"],
    send: (body) => api.send("POST /session", {}, body),
    onSuccess: ({ user }) => {
      setUser(user);
      navigate(next ?? HOME_FOR[user.role], { replace: true });
    },
  });
  const formError =
    form.error?.slug === "invalid-credentials"
      ? `${form.error.detail} Check both and try again.`
      : form.formError;

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
        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
          <FormError message={formError} />
          <EmailField error={form.errors.email} value={email} onValue={setEmail} />
          <TextField
            label="Password"
            error={form.errors.password}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={form.busy}>
            {form.busy ? "Signing in…" : "Sign in"}
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
