import type { ResetView } from "../../shared/api";
import { ResetCompleteSchema } from "../../shared/schemas/session";
import { LockIcon } from "../components/Icons";
import { NewPasswordForm } from "../components/NewPasswordForm";
import { ErrorState, Loading } from "../components/States";
import { useQuery } from "../hooks/useQuery";
import { HOME_FOR } from "../hooks/useSession";
import { useTitle } from "../hooks/useTitle";
import { api, endpoint } from "../lib/api";
import { Link } from "../lib/router";

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
        {reset.status === "ready" && <ResetForm token={token} reset={reset.data.reset} />}
      </div>
    </div>
  );
}

function ResetForm({ token, reset }: { token: string; reset: ResetView }) {
  return (
    <>
      <LockIcon className="card-icon" />
      <h1>Choose a new password</h1>
      <p className="lead">
        For <strong>{reset.email}</strong>. You will be signed out on every other phone or computer.
      </p>
      <NewPasswordForm
        schema={ResetCompleteSchema}
        passwordLabel="New password"
        submitLabel="Save and sign in"
        send={(body) => api.send("POST /password-resets/{token}", { token }, body)}
        home={(user) => HOME_FOR[user.role]}
      />
    </>
  );
}
