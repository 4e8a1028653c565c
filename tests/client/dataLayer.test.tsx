// @vitest-environment jsdom
/**
 * The client's data layer (client/hooks/useQuery.ts): a query shows loading, then the answer
 * or a failure it can retry; it stops asking when the page goes away; an answer to an older
 * question never replaces a newer one; a socket push updates what is shown; and a form shows
 * the server's field problems and a row someone else changed.
 */
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  waitFor,
} from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventSocketContext, type EventSocketValue } from "../../client/hooks/useEventSocket";
import { FIX_DETAILS, useFormSubmit, useMutation } from "../../client/hooks/useMutation";
import { useQuery } from "../../client/hooks/useQuery";
import { ApiError, api, endpoint } from "../../client/lib/api";
import { withChecks } from "../../client/lib/forms";
import { useLiveVersioned } from "../../client/pages/organize/useLiveVersioned";
import type { Leaderboard } from "../../shared/api";
import { deferred } from "./deferred";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" },
  });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("useQuery", () => {
  it("asks the endpoint's path, shows loading, then the answer", async () => {
    const fetch = vi.fn(async (_url: string) => json({ schools: ["Oak Road"] }));
    vi.stubGlobal("fetch", fetch);
    const { result } = renderHook(() =>
      useQuery(endpoint("/events/{slug}/schools", { slug: "hmj 2026/x" })),
    );
    expect(result.current.status).toBe("loading");
    await waitFor(() => expect(result.current.status).toBe("ready"));
    expect(result.current.status === "ready" && result.current.data.schools).toEqual(["Oak Road"]);
    // Parameters are encoded, so a slug cannot reach another route.
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/events/hmj%202026%2Fx/schools");
  });

  it("shows a problem in plain words, and a retry asks again and shows the answer", async () => {
    const answers = [
      json(
        { type: "/problems/not-found", title: "Not found", status: 404, detail: "No such event." },
        404,
      ),
      json({ schools: [] }),
    ];
    const fetch = vi.fn(async () => answers.shift() ?? json({}, 500));
    vi.stubGlobal("fetch", fetch);
    const { result } = renderHook(() =>
      useQuery(endpoint("/events/{slug}/schools", { slug: "a" })),
    );
    await waitFor(() => expect(result.current.status).toBe("error"));
    const failed = result.current;
    expect(failed.status === "error" && failed.error.detail).toBe("No such event.");
    expect(failed.status === "error" && failed.error.status).toBe(404);

    act(() => result.current.reload());
    await waitFor(() => expect(result.current.status).toBe("ready"));
    expect(result.current.status === "ready" && result.current.data).toEqual({ schools: [] });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("turns an unreachable server into the wifi message", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    const { result } = renderHook(() => useQuery(endpoint("/events")));
    await waitFor(() => expect(result.current.status).toBe("error"));
    const failed = result.current;
    expect(failed.status === "error" && failed.error.slug).toBe("network");
    expect(failed.status === "error" && failed.error.detail).toMatch(/wifi/);
  });

  it("aborts the request when the page goes away", async () => {
    const signals: AbortSignal[] = [];
    const pending = deferred<string>();
    const { unmount } = renderHook(() =>
      useQuery("k", (signal) => {
        signals.push(signal);
        return pending.promise;
      }),
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    unmount();
    expect(signals[0]?.aborted).toBe(true);
  });

  it("never shows an answer to an older key over the newer one", async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const signals = new Map<string, AbortSignal>();
    const { result, rerender } = renderHook(
      ({ key }) =>
        useQuery(key, (signal) => {
          const answer = deferred<string>();
          answers.set(key, answer);
          signals.set(key, signal);
          return answer.promise;
        }),
      { initialProps: { key: "team-a" } },
    );
    rerender({ key: "team-b" });
    expect(signals.get("team-a")?.aborted).toBe(true);
    await act(async () => answers.get("team-b")?.resolve("B"));
    // A server that ignores the abort and answers late must not win.
    await act(async () => answers.get("team-a")?.resolve("A"));
    expect(result.current.status === "ready" && result.current.data).toBe("B");
  });

  it("never shows an older attempt's answer over a reload's", async () => {
    const answers: ReturnType<typeof deferred<number>>[] = [];
    const { result } = renderHook(() =>
      useQuery("count", () => {
        const answer = deferred<number>();
        answers.push(answer);
        return answer.promise;
      }),
    );
    await act(async () => answers[0]?.resolve(1));
    act(() => result.current.reload());
    // The reload keeps the shown data until its answer arrives.
    expect(result.current.status === "ready" && result.current.data).toBe(1);
    await act(async () => answers[1]?.resolve(2));
    expect(result.current.status === "ready" && result.current.data).toBe(2);
  });

  it("waits while the key is null", () => {
    const load = vi.fn(() => Promise.resolve(1));
    const { result } = renderHook(() => useQuery(null, load));
    expect(result.current.status).toBe("loading");
    expect(load).not.toHaveBeenCalled();
  });
});

describe("a query that follows pushes", () => {
  const board = (version: number, mean: number) =>
    ({ version, locked: false, scale: { mean, sd: 1 }, categories: [] }) satisfies Leaderboard;

  function socket() {
    const handlers = new Map<string, (payload: unknown) => void>();
    const value = {
      subscribe: (event: string, handler: (payload: unknown) => void) => {
        handlers.set(event, handler);
        return () => handlers.delete(event);
      },
    } as unknown as EventSocketValue;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <EventSocketContext.Provider value={value}>{children}</EventSocketContext.Provider>
    );
    return { wrapper, push: (event: string, payload: unknown) => handlers.get(event)?.(payload) };
  }

  it("shows a newer pushed copy, and drops an older one", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(board(3, 10))),
    );
    const { wrapper, push } = socket();
    const { result } = renderHook(
      () => useLiveVersioned(endpoint("/events/{slug}/leaderboard", { slug: "e" }), "leaderboard"),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe("ready"));
    act(() => push("leaderboard", board(4, 20)));
    expect(result.current.status === "ready" && result.current.data.scale.mean).toBe(20);
    act(() => push("leaderboard", board(2, 5)));
    expect(result.current.status === "ready" && result.current.data.scale.mean).toBe(20);
  });
});

interface Values {
  name: string;
}

function Form({
  send,
  onConflict,
  invalid,
  clash,
  summarize,
}: {
  send: (values: Values) => Promise<unknown>;
  onConflict?: (current: unknown) => void;
  /** A message the schema gives for the name. */
  invalid?: string;
  /** A message the page's own check gives for the name. */
  clash?: string;
  summarize?: boolean;
}) {
  const form = useFormSubmit<Values, unknown>({
    parse: () =>
      withChecks(
        invalid
          ? { success: false, error: { issues: [{ path: ["name"], message: invalid }] } }
          : { success: true, data: { name: "Team Rocket" } },
        clash ? { name: clash } : {},
      ),
    fields: ["name"],
    send,
    ...(summarize ? { summarize } : {}),
    ...(onConflict ? { onConflict } : {}),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      {form.formError && <p role="alert">{form.formError}</p>}
      <label>
        Name
        <input aria-invalid={form.errors.name ? true : undefined} defaultValue="Team Rocket" />
      </label>
      {form.errors.name && <p>{form.errors.name}</p>}
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Saving…" : "Save"}
      </button>
      <button type="button" onClick={form.reset}>
        Start again
      </button>
    </form>
  );
}

describe("useFormSubmit", () => {
  it("is busy while sending, then shows the server's field problem and message", async () => {
    const answer = deferred<unknown>();
    const send = vi.fn(() => answer.promise);
    render(<Form send={send} />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByRole("button", { name: "Saving…" })).toHaveProperty("disabled", true);
    // A second press while busy sends nothing more.
    fireEvent.submit(screen.getByRole("button", { name: "Saving…" }));
    await act(async () =>
      answer.reject(
        new ApiError(400, "validation", "Some details need fixing.", [
          { path: "name", message: "That name is taken." },
        ]),
      ),
    );
    expect(send).toHaveBeenCalledOnce();
    expect(screen.getByText("That name is taken.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Some details need fixing.");
    expect(screen.getByRole("textbox", { name: "Name" }).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("button", { name: "Save" })).toHaveProperty("disabled", false);
  });

  it("hands a 409 row-changed's current row to the page, and says what happened", async () => {
    const onConflict = vi.fn();
    const current = { id: "t1", name: "Team Blue", version: 4 };
    const send = vi.fn(() =>
      Promise.reject(
        new ApiError(409, "row-changed", "Someone else changed this team first.", [], current),
      ),
    );
    render(<Form send={send} onConflict={onConflict} />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onConflict).toHaveBeenCalledWith(current));
    expect(screen.getByRole("alert").textContent).toBe("Someone else changed this team first.");
  });

  it("checks the values first and sends nothing when they are wrong", async () => {
    const send = vi.fn(() => Promise.resolve({}));
    render(<Form send={send} invalid="Give your team a name." />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Give your team a name.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it("adds the page's own checks to the schema's, and when asked says the form needs fixing", async () => {
    const send = vi.fn(() => Promise.resolve({}));
    render(<Form send={send} summarize clash="Another team at this event has that name." />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Another team at this event has that name.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe(FIX_DETAILS);
    expect(send).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Start again" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByText("Another team at this event has that name.")).toBeNull();
  });
});

describe("api.send", () => {
  it("sends the route's method to its path with each parameter encoded, and answers its body", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json({ prize: { id: "p/1" } }));
    vi.stubGlobal("fetch", fetch);
    const answer = await api.send(
      "PATCH /events/{slug}/prizes/{id}",
      { slug: "hmj 2026", id: "p/1" },
      { version: 3, title: "Zorbing" },
    );
    expect(answer.prize.id).toBe("p/1");
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/events/hmj%202026/prizes/p%2F1");
    expect(init.method).toBe("PATCH");
    expect(init.body).toBe(JSON.stringify({ version: 3, title: "Zorbing" }));
  });

  it("sends a POST without a body as an empty JSON object, and a DELETE with none", async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }),
    );
    vi.stubGlobal("fetch", fetch);
    await api.send("POST /events/{slug}/scoring/lock", { slug: "hmj" });
    await api.send("DELETE /session", {});
    expect(fetch.mock.calls[0]![1].body).toBe("{}");
    expect(fetch.mock.calls[1]![1].body).toBeNull();
  });
});

describe("useMutation", () => {
  it("runs a write that takes no input, busy until it answers, then hands over the answer", async () => {
    const answer = deferred<{ locked: true }>();
    const onSuccess = vi.fn();
    const hook = renderHook(() => useMutation(() => answer.promise, { onSuccess }));
    let done: Promise<{ locked: true } | undefined> | undefined;
    act(() => {
      done = hook.result.current.run();
    });
    expect(hook.result.current.busy).toBe(true);
    await act(async () => answer.resolve({ locked: true }));
    expect(await done).toEqual({ locked: true });
    expect(onSuccess).toHaveBeenCalledWith({ locked: true }, undefined);
    expect(hook.result.current.busy).toBe(false);
    expect(hook.result.current.message).toBeUndefined();
  });

  it("shows no message for a failure the page handles itself, and the server's for others", async () => {
    const send = vi.fn((slug: string) =>
      Promise.reject(
        slug === "moved"
          ? new ApiError(409, "stage-changed", "The stage moved.")
          : new ApiError(409, "scoring-locked", "Scoring is locked."),
      ),
    );
    const handled = vi.fn((error: ApiError) => error.slug === "stage-changed");
    const hook = renderHook(() => useMutation(send, { onError: handled }));
    await act(async () => void (await hook.result.current.run("moved")));
    expect(handled).toHaveBeenCalledOnce();
    expect(hook.result.current.message).toBeUndefined();
    await act(async () => void (await hook.result.current.run("locked")));
    expect(hook.result.current.message).toBe("Scoring is locked.");
  });

  it("says a 409 row-changed in the page's words when its handler gives them", async () => {
    const current = { id: "p1", version: 5 };
    const hook = renderHook(() =>
      useMutation(
        () =>
          Promise.reject(new ApiError(409, "row-changed", "Someone else changed it.", [], current)),
        { onConflict: () => "Someone else changed this prize: the form shows it as it is now." },
      ),
    );
    await act(async () => void (await hook.result.current.run()));
    expect(hook.result.current.message).toBe(
      "Someone else changed this prize: the form shows it as it is now.",
    );
    expect(hook.result.current.error?.current).toBe(current);
  });
});
