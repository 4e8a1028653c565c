/** Loads JSON from the API for a page, with loading and error states and a retry. */
import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "../lib/api";

export type Resource<T> =
  | { status: "loading"; reload: () => void }
  | { status: "error"; error: ApiError; reload: () => void }
  | {
      status: "ready";
      data: T;
      reload: () => void;
      /** Replace the data locally after a write that returned the new state. */
      setData: (update: (data: T) => T) => void;
    };

type Loaded<T> =
  | { status: "loading"; path: string }
  | { status: "error"; path: string; error: ApiError }
  | { status: "ready"; path: string; data: T };

/**
 * GETs `path` and keeps the answer. A reload keeps showing the old data until the new
 * answer arrives; a different path starts from a loading state.
 */
export function useApi<T>(path: string): Resource<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading", path });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === "ready" && s.path === path ? s : { status: "loading", path }));
    api
      .get<T>(path, { signal: controller.signal })
      .then((data) => setState({ status: "ready", path, data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(0, "unexpected", "Something went wrong. Please try again.");
        setState({ status: "error", path, error: apiError });
      });
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T) => T) =>
      setState((s) => (s.status === "ready" ? { ...s, data: update(s.data) } : s)),
    [],
  );

  if (state.path !== path || state.status === "loading") return { status: "loading", reload };
  if (state.status === "error") return { status: "error", error: state.error, reload };
  return { status: "ready", data: state.data, reload, setData };
}

/** Sets the browser tab's title: "Page · Hack Manchester Junior". */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Hack Manchester Junior` : "Hack Manchester Junior";
  }, [title]);
}
