/**
 * "Forgot your password?": the account's email, and a link mailed to it. The answer is the
 * same whether or not the email has an account; without email at the event, the page says to
 * ask an organizer at the help desk.
 */
import { type FormEvent, useRef, useState } from "react";
import { ResetRequestSchema } from "../../shared/schemas/session";
import { FormError, TextField } from "../components/Field";
import { MailIcon } from "../components/Icons";
import { Notice } from "../components/States";
import { useTitle } from "../hooks/useApi";
import { ApiError, api, messageOf } from "../lib/api";
import { type FieldErrors, focusFirstError, zodFieldErrors } from "../lib/forms";
import { Link } from "../lib/router";

export function ForgotPage() {
  useTitle("Forgot your password?");
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [outcome, setOutcome] = useState<"sent" | "mail-off" | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = ResetRequestSchema.safeParse({ email });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.post("/password-resets", parsed.data);
      setOutcome("sent");
    } catch (error) {
      if (error instanceof ApiError && error.slug === "mail-off") setOutcome("mail-off");
      else setFormError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page-narrow">
      <div className="card card-form">
        <MailIcon className="card-icon" />
        <h1>Forgot your password?</h1>
        {outcome === "sent" ? (
          <Notice>
            <p role="status">
              If an account uses <strong>{email.trim()}</strong>, we have emailed it a link to
              choose a new password. It works once, for 24 hours. Check your spam folder too.
            </p>
          </Notice>
        ) : outcome === "mail-off" ? (
          <Notice>
            <p role="status">
              This event doesn't send emails, so we can't send you a link. Ask an organizer at the
              help desk: they can make you one, with a QR code to scan.
            </p>
          </Notice>
        ) : (
          <>
            <p className="lead">Type the email you sign in with, and we'll email you a link.</p>
            <form ref={formRef} onSubmit={onSubmit} noValidate>
              <FormError message={formError} />
              <TextField
                label="Email"
                error={errors.email}
                type="email"
                autoComplete="username"
                inputMode="email"
                value={email}
                onValue={setEmail}
              />
              <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
                {busy ? "Sending…" : "Email me a link"}
              </button>
            </form>
          </>
        )}
        <p className="small form-footnote">
          <Link to="/signin">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
