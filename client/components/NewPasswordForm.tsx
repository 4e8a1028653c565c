/**
 * Choosing a password from a link: a judge's invite and a password reset both ask for it twice,
 * check it against the shared rule, send it, and sign this browser in with the answer.
 */
import { useState } from "react";
import type { SessionUser } from "../../shared/api";
import type { InviteAcceptSchema } from "../../shared/schemas/session";
import { useFormSubmit } from "../hooks/useMutation";
import { useSession } from "../hooks/useSession";
import { navigate } from "../lib/router";
import { FormError, NewPasswordField } from "./Field";

export function NewPasswordForm({
  schema,
  passwordLabel,
  submitLabel,
  send,
  home,
  onSignedIn,
}: {
  /** The route's body schema: a password by the shared rule. */
  schema: typeof InviteAcceptSchema;
  passwordLabel: string;
  submitLabel: string;
  send: (body: { password: string }) => Promise<{ user: SessionUser }>;
  /** Where the new account's pages start. */
  home: (user: SessionUser) => string;
  onSignedIn?: (user: SessionUser) => void;
}) {
  const { setUser } = useSession();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const form = useFormSubmit({
    parse: () => schema.safeParse({ password }),
    check: (): Record<string, string> =>
      confirm === password
        ? {}
        : { confirm: "The two passwords are different. Type the same password twice." },
    fields: ["password"],
    send,
    onSuccess: ({ user }) => {
      onSignedIn?.(user);
      setUser(user);
      navigate(home(user), { replace: true });
    },
  });

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <NewPasswordField
        label={passwordLabel}
        error={form.errors.password}
        value={password}
        onValue={setPassword}
      />
      <NewPasswordField
        label="Type the password again"
        hint={null}
        error={form.errors.confirm}
        value={confirm}
        onValue={setConfirm}
      />
      <button type="submit" className="btn btn-primary btn-block btn-large" disabled={form.busy}>
        {form.busy ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
