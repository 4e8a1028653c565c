import { useState } from "react";
import { LIMITS } from "../../shared/limits";
import { SetupSchema } from "../../shared/schemas/session";
import { EmailField, FormError, NewPasswordField, TextField } from "../components/Field";
import { ErrorState, Loading } from "../components/States";
import { useFormSubmit } from "../hooks/useMutation";
import { useQuery } from "../hooks/useQuery";
import { useSession } from "../hooks/useSession";
import { useTitle } from "../hooks/useTitle";
import { api, endpoint } from "../lib/api";
import type { FieldErrors } from "../lib/forms";
import { Link, navigate, useLocation } from "../lib/router";

/** First run: the link printed at start-up creates the first organizer account. */
export function SetupPage() {
  useTitle("Set up");
  const token = useLocation().search.get("token") ?? "";
  return (
    <div className="page page-narrow">
      <div className="card card-form">
        {token ? (
          <CheckedSetup token={token} />
        ) : (
          <>
            <h1>This set-up link is not complete</h1>
            <p>
              The link is missing its secret code. Copy the whole link that was printed when the
              server started (it ends with <code>?token=</code> and a long code) and open it again.
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function CheckedSetup({ token }: { token: string }) {
  const check = useQuery(endpoint("/setup/{token}", { token }));
  if (check.status === "loading") return <Loading label="Checking your set-up link…" />;
  if (check.status === "error") {
    if (check.error.slug === "setup-done")
      return (
        <>
          <h1>Set-up is already done</h1>
          <p>An organizer account already exists, so this link is no longer needed.</p>
          <p>
            <Link className="btn btn-primary" to="/signin">
              Sign in instead
            </Link>
          </p>
        </>
      );
    if (check.error.slug === "not-found")
      return (
        <>
          <h1>This set-up link doesn't work</h1>
          <p>
            It may be an old link: a new one is made each time the server starts. Use the newest
            link printed by the server, or restart the server to print a fresh one.
          </p>
        </>
      );
    return <ErrorState error={check.error} retry={check.reload} />;
  }
  return <SetupForm token={token} />;
}

function SetupForm({ token }: { token: string }) {
  const { setUser } = useSession();
  const [values, setValues] = useState({ name: "", email: "", password: "", confirm: "" });
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((v) => ({ ...v, [key]: value }));
  const { confirm, ...rest } = values;
  const form = useFormSubmit({
    parse: () => SetupSchema.safeParse({ token, ...rest }),
    check: (): FieldErrors =>
      confirm === values.password
        ? {}
        : { confirm: "The two passwords are different. Type the same password twice." },
    fields: ["name", "email", "password"],
    send: (body) => api.send("POST /setup", {}, body),
    onSuccess: ({ user }) => {
      setUser(user);
      navigate("/organize", { replace: true });
    },
  });
  const { errors } = form;

  return (
    <>
      <h1>Welcome! Let's set up</h1>
      <p className="lead">Create the first organizer account. You can then create your event.</p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <TextField
          label="Your name"
          error={errors.name}
          autoComplete="name"
          value={values.name}
          onValue={set("name")}
        />
        <EmailField
          hint="You will sign in with this."
          error={errors.email}
          value={values.email}
          onValue={set("email")}
        />
        <NewPasswordField
          hint={`At least ${LIMITS.passwordMin} characters. A few random words is a good password.`}
          error={errors.password}
          value={values.password}
          onValue={set("password")}
        />
        <NewPasswordField
          label="Type the password again"
          hint={null}
          error={errors.confirm}
          value={values.confirm}
          onValue={set("confirm")}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={form.busy}>
          {form.busy ? "Creating your account…" : "Create account"}
        </button>
      </form>
    </>
  );
}
