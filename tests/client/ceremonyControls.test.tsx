// @vitest-environment jsdom
/**
 * The ceremony's buttons (client/pages/organize/ceremony/useCeremonyControls.ts) against a
 * server that answers when the test says: a double tap never reveals two awards, and a
 * refusal because another phone moved the ceremony on says so and fetches where it is now.
 */
import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CeremonyControlsOptions,
  useCeremonyControls,
} from "../../client/pages/organize/ceremony/useCeremonyControls";
import type { CeremonyPlan } from "../../shared/api";

const PLAN = {
  locked: true,
  state: { version: 1, started: true, blank: false, revealed: [], finished: false, toGive: [] },
  awards: [],
} as unknown as CeremonyPlan;

interface Call {
  method: string;
  path: string;
  body: unknown;
  answer: (status: number, body: unknown) => void;
}

/** Stands in for the server: each request waits until the test answers it. */
function server() {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    (url: string, init: RequestInit) =>
      new Promise<Response>((resolve) => {
        calls.push({
          method: init.method ?? "GET",
          path: url,
          body: init.body ? JSON.parse(String(init.body)) : undefined,
          answer: (status, body) =>
            resolve(
              new Response(JSON.stringify(body), {
                status,
                headers: { "content-type": "application/json" },
              }),
            ),
        });
      }),
  );
  return calls;
}

function controls() {
  const options: CeremonyControlsOptions = {
    slug: "hmj-2026",
    plan: PLAN,
    setPlan: vi.fn(),
    reload: vi.fn(),
    quiet: { current: false },
    restMs: 0,
  };
  return { hook: renderHook(() => useCeremonyControls(options)), options };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the ceremony's buttons", () => {
  it("reveal one award for a double tap, then show the plan as the server has it", async () => {
    const calls = server();
    const { hook, options } = controls();
    let first!: Promise<void>;
    act(() => {
      first = hook.result.current.reveal();
      void hook.result.current.reveal();
    });
    expect(hook.result.current.busy).toBe("reveal");
    expect(options.quiet.current).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/events/hmj-2026/ceremony/next",
    ]);
    await act(async () => calls[0]!.answer(200, { award: {} }));
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(`${calls[1]!.method} ${calls[1]!.path}`).toBe("GET /api/events/hmj-2026/ceremony");
    await act(async () => {
      calls[1]!.answer(200, PLAN);
      await first;
    });
    expect(options.setPlan).toHaveBeenCalledWith(PLAN);
    expect(hook.result.current.busy).toBeNull();
    expect(options.quiet.current).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it("say why a reveal was refused, and fetch the plan when another phone moved it on", async () => {
    const calls = server();
    const { hook, options } = controls();
    let done!: Promise<void>;
    act(() => {
      done = hook.result.current.reveal();
    });
    await act(async () => {
      calls[0]!.answer(409, {
        type: "/problems/ceremony-finished",
        title: "Conflict",
        status: 409,
        detail: "Every award has been revealed.",
      });
      await done;
    });
    expect(hook.result.current.error).toBe("Every award has been revealed.");
    expect(options.reload).toHaveBeenCalledTimes(1);
    expect(options.setPlan).not.toHaveBeenCalled();
    expect(hook.result.current.busy).toBeNull();
  });

  it("start the ceremony and blank the screen with the bodies the server expects", async () => {
    const calls = server();
    const { hook } = controls();
    for (const press of [() => hook.result.current.start(), () => hook.result.current.blank()]) {
      let done!: Promise<void>;
      act(() => {
        done = press();
      });
      await act(async () => {
        calls.at(-1)!.answer(200, PLAN);
        await done;
      });
    }
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ["/api/events/hmj-2026/ceremony/screen", { start: true }],
      ["/api/events/hmj-2026/ceremony/screen", { blank: true }],
    ]);
  });
});
