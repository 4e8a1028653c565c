/**
 * "Forgot your password?": the account's email, and a link mailed to it. The answer is the
 * same whether or not the email has an account; without email at the event, the page says to
 * ask an organizer at the help desk.
 */
import { useState } from "react";
import { ResetRequestSchema } from "../../shared/schemas/session";
import { EmailField, FormError } from "../components/Field";
import { MailIcon } from "../components/Icons";
import { Notice } from "../components/States";
import { useFormSubmit } from "../hooks/useMutation";
import { useTitle } from "../hooks/useTitle";
import { api } from "../lib/api";
import { Link } from "../lib/router";

export function ForgotPage() {
  useTitle("Forgot your password?");
  const [email, setEmail] = useState("");
  const [outcome, setOutcome] = useState<"sent" | "mail-off" | null>(null);
  const form = useFormSubmit({
    parse: () => ResetRequestSchema.safeParse({ email }),
    fields: ["email"],
    send: (body) => api.send("POST /password-resets", {}, body),
    onSuccess: () => setOutcome("sent"),
    onError: (error) => {
      if (error.slug !== "mail-off") return false;
      setOutcome("mail-off");
      return true;
    },
  });

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
            <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
              <FormError message={form.formError} />
              <EmailField error={form.errors.email} value={email} onValue={setEmail} />
              <button type="submit" className="btn btn-primary btn-block" disabled={form.busy}>
                {form.busy ? "Sending…" : "Email me a link"}
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
