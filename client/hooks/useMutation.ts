/** Writes through the data layer (see ./useQuery.ts): one save, or a form's submit. */
import {
  type Dispatch,
  type FormEvent,
  type SetStateAction,
  useCallback,
  useRef,
  useState,
} from "react";
import { ApiError } from "../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  type Parsed,
  parsedErrors,
  problemFieldErrors,
} from "../lib/forms";
import { asApiError } from "./useQuery";

export interface MutationOptions<I, O> {
  onSuccess?: (output: O, input: I) => void;
  /**
   * A 409 row-changed: someone saved the row first. Gets the row as it is now (the problem's
   * `current`) to show instead of the stale one; the message still says what happened, in the
   * page's own words when this returns them.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler may say nothing.
  onConflict?: (current: unknown) => string | void;
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
export function useMutation<O>(
  send: () => Promise<O>,
  options?: MutationOptions<void, O>,
): Mutation<void, O>;
export function useMutation<I, O>(
  send: (input: I) => Promise<O>,
  options?: MutationOptions<I, O>,
): Mutation<I, O>;
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
      let failure = asApiError(thrown);
      if (failure.status === 409 && failure.slug === "row-changed" && failure.current) {
        const said = options.onConflict?.(failure.current);
        if (said)
          failure = new ApiError(
            failure.status,
            failure.slug,
            said,
            failure.errors,
            failure.current,
          );
      }
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

/** Above a long form whose own checks found fields to fix, the first of which may be out of sight. */
export const FIX_DETAILS = "Some details need fixing. Look for the messages next to the fields.";

export interface FormSubmitOptions<D, O> extends MutationOptions<D, O> {
  /**
   * The form's values checked on this side first (usually a shared zod schema; `withChecks`
   * in client/lib/forms.ts adds the page's own).
   */
  parse: () => Parsed<D>;
  /** Checks beyond the schema (two passwords the same); keyed by field. */
  check?: (data: D) => FieldErrors;
  /** Fields the form shows; a server problem about any other lands on the form's message. */
  fields?: readonly string[];
  /** Say so above the form (FIX_DETAILS) when this side's checks find fields to fix. */
  summarize?: boolean;
  send: (data: D) => Promise<O>;
}

export interface FormSubmit<O> {
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent) => Promise<O | undefined>;
  busy: boolean;
  /** Field → message, from the client's checks or the server's problem. */
  errors: FieldErrors;
  /** For a page that drops a message once its field changes. */
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  /** The form-wide message (a FormError): what went wrong, in plain words. */
  formError: string | undefined;
  /** The failure itself, for a page that words one problem its own way. */
  error: ApiError | null;
  /** Forgets every message, as when the form is put back as it was. */
  reset: () => void;
}

/**
 * A form's submit: check the values, focus the first bad field, send, and turn a problem
 * answer into field messages and a form message. The form stays as typed on a failure.
 */
export function useFormSubmit<D, O>(options: FormSubmitOptions<D, O>): FormSubmit<O> {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [invalid, setInvalid] = useState(false);
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
    const found = parsed.success ? (check?.(parsed.data) ?? {}) : parsedErrors(parsed);
    if (!parsed.success || Object.keys(found).length) {
      setErrors(found);
      setInvalid(true);
      mutation.reset();
      focusFirstError(formRef.current);
      return undefined;
    }
    setErrors({});
    setInvalid(false);
    return mutation.run(parsed.data);
  };

  const reset = () => {
    setErrors({});
    setInvalid(false);
    mutation.reset();
  };

  return {
    formRef,
    onSubmit,
    busy: mutation.busy,
    errors,
    setErrors,
    formError: invalid && options.summarize ? FIX_DETAILS : mutation.message,
    error: mutation.error,
    reset,
  };
}
