/**
 * The client's one data layer: `useQuery` reads; `useMutation` writes and `useFormSubmit` is a
 * write behind a form (both in ./useMutation.ts, which pages that only read never load).
 *
 * Home-grown rather than TanStack Query, by the measurement (`npx tsx bench/run.ts
 * --only=bundle`): the display page's first load measured 99.6 KB gzip before this layer and
 * 99.9 KB with it, against a 100 KB budget, so a library of several kilobytes (TanStack Query's
 * core and React bindings are) cannot fit. Pages need no cache shared across routes: each
 * loads its own data, then follows socket pushes through `setData` and `reload`.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, type Endpoint } from "../lib/api";

export type Query<T> =
  | { status: "loading"; reload: () => void }
  | { status: "error"; error: ApiError; reload: () => void }
  | {
      status: "ready";
      data: T;
      /** Ask again; the data on screen stays until the new answer arrives. */
      reload: () => void;
      /** Replace the data in place: after a write that answered the new state, or a push. */
      setData: (update: (data: T) => T) => void;
    };

type Loaded<T> =
  | { status: "loading"; key: string }
  | { status: "error"; key: string; error: ApiError }
  | { status: "ready"; key: string; data: T };

/** Any failure as an ApiError, so every page shows words rather than a stack trace. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, "unexpected", "Something went wrong. Please try again.");
}

/**
 * Loads `endpoint` (or, with `load`, whatever `load` resolves to, under the name `key`) and
 * keeps the answer. A null key waits. The request is aborted on unmount and when the key
 * changes, and an answer to an older key or an older attempt is never shown. A different key
 * starts from loading; a reload keeps showing the old data until the new answer arrives.
 */
export function useQuery<T>(endpoint: Endpoint<T> | null): Query<T>;
export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): Query<T>;
export function useQuery<T>(
  key: string | null,
  load?: (signal: AbortSignal) => Promise<T>,
): Query<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading", key: key ?? "" });
  const [attempt, setAttempt] = useState(0);
  // The loader may be a new function each render; only the key and a reload start a request.
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger.
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const request = ++latest.current;
    setState((s) => (s.status === "ready" && s.key === key ? s : { status: "loading", key }));
    const loader = loadRef.current;
    const answer = loader
      ? loader(controller.signal)
      : api.get(key as Endpoint<T>, { signal: controller.signal });
    answer.then(
      (data) => {
        if (!controller.signal.aborted && request === latest.current)
          setState({ status: "ready", key, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && request === latest.current)
          setState({ status: "error", key, error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T) => T) =>
      setState((s) => (s.status === "ready" ? { ...s, data: update(s.data) } : s)),
    [],
  );

  if (key === null || state.key !== key || state.status === "loading")
    return { status: "loading", reload };
  if (state.status === "error") return { status: "error", error: state.error, reload };
  return { status: "ready", data: state.data, reload, setData };
}
