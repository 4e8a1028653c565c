/** The waits, failures and empty lists every page has. */
import type { ReactNode } from "react";
import type { ApiError } from "../lib/api";
import { Link, useLocation } from "../lib/router";
import { AlertIcon, CheckIcon, InfoIcon } from "./Icons";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A failure with what to do next: sign in again, or try again. */
export function ErrorState({
  title = "Something went wrong",
  error,
  retry,
}: {
  title?: string;
  error: ApiError | string;
  retry?: () => void;
}) {
  const location = useLocation();
  const message = typeof error === "string" ? error : error.detail;
  const signedOut = typeof error !== "string" && error.status === 401;
  return (
    <div className="state state-error" role="alert">
      <AlertIcon className="state-icon" />
      <h2 className="state-title">{signedOut ? "Please sign in again" : title}</h2>
      <p>
        {signedOut
          ? "You have been signed out. Sign in again to carry on where you were."
          : message}
      </p>
      <div className="actions">
        {signedOut ? (
          <Link
            className="btn btn-primary"
            to={`/signin?next=${encodeURIComponent(location.href)}`}
          >
            Sign in
          </Link>
        ) : (
          retry && (
            <button type="button" className="btn btn-primary" onClick={retry}>
              Try again
            </button>
          )
        )}
      </div>
    </div>
  );
}

/** An empty list that says how to fill it. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state state-empty">
      {icon ?? <InfoIcon className="state-icon" />}
      <h2 className="state-title">{title}</h2>
      {children && <div className="state-body">{children}</div>}
      {action && <div className="actions">{action}</div>}
    </div>
  );
}

/** A message box: "error" for things that failed, "success" for things that worked. */
export function Notice({
  tone = "info",
  title,
  children,
  live = false,
}: {
  tone?: "info" | "error" | "success" | "warning";
  title?: string;
  children?: ReactNode;
  /** Announce it when it appears (for results of an action). */
  live?: boolean;
}) {
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {tone === "error" || tone === "warning" ? (
        <AlertIcon className="notice-icon" />
      ) : tone === "success" ? (
        <CheckIcon className="notice-icon" />
      ) : (
        <InfoIcon className="notice-icon" />
      )}
      <div>
        {title && <p className="notice-title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
