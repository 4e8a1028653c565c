/**
 * What a page about one event shows when the event could not be loaded: a plain "we can't find
 * that event" for a wrong address, or the failure with a way to try again.
 */
import type { ReactNode } from "react";
import type { ApiError } from "../lib/api";
import { ErrorState } from "./States";

export function EventLoadFailed({
  error,
  retry,
  notFound = (
    <p>Check the link you were given. The event's web address may have been typed wrong.</p>
  ),
}: {
  error: ApiError;
  retry: () => void;
  /** What to say, under the heading, when there is no event at this address. */
  notFound?: ReactNode;
}) {
  return (
    <div className="page page-narrow">
      {error.status === 404 ? (
        <>
          <h1>We can't find that event</h1>
          {notFound}
        </>
      ) : (
        <ErrorState error={error} retry={retry} />
      )}
    </div>
  );
}
