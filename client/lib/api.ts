/** The one HTTP client: same-origin JSON requests, with problem responses turned into ApiError. */
import type {
  ApiGet,
  ApiMutation,
  ApiMutationBody,
  GetPath,
  MutationRoute,
  Problem,
} from "../../shared/api";

export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed request, with a message fit to show people (never a code or a stack trace). */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The problem type's slug, e.g. "invalid-credentials"; "network" or "unexpected" for non-problems. */
    readonly slug: string,
    /** Plain words for the person using the app. */
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** For 409 row-changed: the row as it is now, to show instead of the stale one. */
    readonly current: unknown = undefined,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

const NETWORK_MESSAGE =
  "We couldn't reach the server. Check that you are connected to the wifi, then try again.";
const UNEXPECTED_MESSAGE = "Something went wrong on our side. Please try again.";

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.type === "string" && typeof p.detail === "string";
}

async function problemFrom(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: a proxy page or a crash. Fall through to the generic message.
  }
  if (!isProblem(body)) return new ApiError(res.status, "unexpected", UNEXPECTED_MESSAGE);
  const slug = body.type.replace(/^\/problems\//, "");
  const errors = Array.isArray(body.errors) ? body.errors : [];
  return new ApiError(
    res.status,
    slug,
    body.detail,
    errors,
    (body as { current?: unknown }).current,
  );
}

export interface RequestOptions {
  signal?: AbortSignal;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json, application/problem+json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", NETWORK_MESSAGE);
  }
  if (!res.ok) throw await problemFrom(res);
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, "unexpected", UNEXPECTED_MESSAGE);
  }
}

declare const answers: unique symbol;

/**
 * A GET path with its parameters filled in, carrying the type its route answers (from
 * shared/schemas/responses.ts). Only `endpoint` makes one, so a page cannot read a path as a
 * shape the server does not send.
 */
export type Endpoint<T> = string & { readonly [answers]: T };

type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamsOf<Rest>
  : never;

/** A route's path with its `{name}` parameters filled in, each encoded as one segment. */
function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

export function endpoint<P extends GetPath>(
  path: P,
  ...params: ParamsOf<P> extends never ? [] : [Record<ParamsOf<P>, string>]
): Endpoint<ApiGet[P]> {
  return fill(path, params[0] ?? {}) as Endpoint<ApiGet[P]>;
}

/** A write's body argument: required when its route takes one (MUTATION_BODIES), else none. */
type BodyOf<R extends MutationRoute> = ApiMutationBody[R] extends undefined
  ? []
  : [body: ApiMutationBody[R]];

/**
 * One write, named by its route as the API reference lists it ("PATCH /events/{slug}/prizes/{id}")
 * with its parameters and the body that route's schema takes (MUTATION_BODIES in
 * shared/schemas/requests.ts), so the answer has the type that route declares
 * (MUTATION_RESPONSES in shared/schemas/responses.ts): a page can neither send a shape the
 * server refuses nor read one it does not send.
 */
function send<R extends MutationRoute>(
  route: R,
  params: Record<ParamsOf<R>, string>,
  ...[body]: BodyOf<R>
): Promise<ApiMutation[R]> {
  const space = route.indexOf(" ");
  const method = route.slice(0, space);
  const path = fill(route.slice(space + 1), params);
  // Writes parse a JSON body even when they take none (the server refuses other media types).
  return request<ApiMutation[R]>(method, path, body ?? (method === "DELETE" ? undefined : {}));
}

export const api = {
  get: <T>(path: Endpoint<T>, options?: RequestOptions) =>
    request<T>("GET", path, undefined, options),
  send,
};

/** Encodes one path segment (a slug, id or token) for use in an API path. */
export const seg = (value: string) => encodeURIComponent(value);

/** Turns any thrown value into words to show. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.detail : UNEXPECTED_MESSAGE;
}
