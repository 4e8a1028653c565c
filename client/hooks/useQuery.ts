/**
 * The client's one data layer: `useQuery` reads, `useMutation` writes, `useFormSubmit` is a
 * write behind a form (check on the client, send, show the server's field problems).
 *
 * Home-grown rather than TanStack Query, by the measurement: the display page's first load is
 * about 97 KB gzip against a 100 KB budget, and TanStack Query's core and React bindings add
 * about 13 KB gzip, which would break it; these hooks add under 1 KB. Pages here need no shared
 * cache across routes (each page loads its own data once, then follows socket pushes), which is
 * what TanStack's extra weight buys.
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, type Endpoint } from "../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../lib/forms";

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

export interface MutationOptions<I, O> {
  onSuccess?: (output: O, input: I) => void;
  /**
   * A 409 row-changed: someone saved the row first. Gets the row as it is now (the problem's
   * `current`) to show instead of the stale one; the message still says what happened.
   */
  onConflict?: (current: unknown) => void;
  /** Return true when the page shows this failure its own way (no message then). */
  onError?: (error: ApiError, input: I) => boolean | undefined;
}

export interface Mutation<I, O> {
  /** Sends; resolves to the answer, or undefined when it failed (see `error`) or was busy. */
  run: (input: I) => Promise<O | undefined>;
  busy: boolean;
  error: ApiError | null;
  /** The failure in plain words, for a FormError; undefined when there is none. */
  message: string | undefined;
  reset: () => void;
}

/** One write: busy while it runs (a second press meanwhile does nothing), then its failure. */
export function useMutation<I, O>(
  send: (input: I) => Promise<O>,
  options: MutationOptions<I, O> = {},
): Mutation<I, O> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const run = useCallback(async (input: I) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    const { send, options } = latest.current;
    try {
      const output = await send(input);
      options.onSuccess?.(output, input);
      return output;
    } catch (thrown) {
      const failure = asApiError(thrown);
      if (failure.status === 409 && failure.slug === "row-changed" && failure.current)
        options.onConflict?.(failure.current);
      if (!options.onError?.(failure, input)) setError(failure);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, busy, error, message: error?.detail, reset };
}

/** What a schema's `safeParse` gives: zod's result, or anything shaped like it. */
type Parsed<D> =
  | { success: true; data: D }
  | {
      success: false;
      error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
    };

export interface FormSubmitOptions<D, O> extends MutationOptions<D, O> {
  /** The form's values checked on this side first (usually a shared zod schema). */
  parse: () => Parsed<D>;
  /** Checks beyond the schema (two passwords the same); keyed by field. */
  check?: (data: D) => FieldErrors;
  /** Fields the form shows; a server problem about any other lands on the form's message. */
  fields?: readonly string[];
  send: (data: D) => Promise<O>;
}

export interface FormSubmit<O> {
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent) => Promise<O | undefined>;
  busy: boolean;
  /** Field → message, from the client's checks or the server's problem. */
  errors: FieldErrors;
  /** The form-wide message (a FormError): what went wrong, in plain words. */
  formError: string | undefined;
}

/**
 * A form's submit: check the values, focus the first bad field, send, and turn a problem
 * answer into field messages and a form message. The form stays as typed on a failure.
 */
export function useFormSubmit<D, O>(options: FormSubmitOptions<D, O>): FormSubmit<O> {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const latest = useRef(options);
  latest.current = options;
  const mutation = useMutation<D, O>((data) => latest.current.send(data), {
    onSuccess: (output, data) => latest.current.onSuccess?.(output, data),
    onConflict: (current) => latest.current.onConflict?.(current),
    onError: (error, data) => {
      setErrors(problemFieldErrors(error, latest.current.fields));
      if (Object.keys(problemFieldErrors(error, latest.current.fields)).length)
        focusFirstError(formRef.current);
      return latest.current.onError?.(error, data);
    },
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (mutation.busy) return undefined;
    const { parse, check } = latest.current;
    const parsed = parse();
    const found = parsed.success ? (check?.(parsed.data) ?? {}) : zodFieldErrors(parsed.error);
    if (!parsed.success || Object.keys(found).length) {
      setErrors(found);
      mutation.reset();
      focusFirstError(formRef.current);
      return undefined;
    }
    setErrors({});
    return mutation.run(parsed.data);
  };

  return {
    formRef,
    onSubmit,
    busy: mutation.busy,
    errors,
    formError: mutation.message,
  };
}
