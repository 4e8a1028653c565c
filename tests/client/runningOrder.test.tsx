// @vitest-environment jsdom
/**
 * The running order's behaviour without its looks (client/pages/organize/useRunningOrder.ts):
 * moves show at once and are saved one after another with only the newest order sent next, a
 * refusal puts the saved order back and says why, and one skip or shuffle runs at a time.
 */
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../client/lib/api";
import {
  moved,
  type OrderEditorOptions,
  useOrderEditor,
} from "../../client/pages/organize/useRunningOrder";
import type { PresentationsView } from "../../shared/api";
import { deferred } from "./deferred";

const VIEW = { categories: [] } as unknown as PresentationsView;

function editor(saved: string[]) {
  const saves: { ids: string[]; answer: ReturnType<typeof deferred<PresentationsView>> }[] = [];
  const options: OrderEditorOptions = {
    saved,
    saveOrder: (ids) => {
      const answer = deferred<PresentationsView>();
      saves.push({ ids, answer });
      return answer.promise;
    },
    setView: vi.fn(),
    reload: vi.fn(),
  };
  const hook = renderHook((props: OrderEditorOptions) => useOrderEditor(props), {
    initialProps: options,
  });
  return { hook, saves, options };
}

describe("the running order's editor", () => {
  it("shows a move at once, and while one is saving sends only the newest order next", async () => {
    const { hook, saves, options } = editor(["a", "b", "c"]);
    act(() => hook.result.current.reorder(["b", "a", "c"], "B is now number 1 of 3."));
    expect(hook.result.current.ids).toEqual(["b", "a", "c"]);
    expect(hook.result.current.said).toBe("Saving…");
    expect(saves.map((s) => s.ids)).toEqual([["b", "a", "c"]]);

    // Two more moves before the first is answered: the middle one is never sent.
    act(() => hook.result.current.reorder(["b", "c", "a"], "A is now number 3 of 3."));
    act(() => hook.result.current.reorder(["c", "b", "a"], "C is now number 1 of 3."));
    expect(hook.result.current.ids).toEqual(["c", "b", "a"]);
    expect(saves).toHaveLength(1);

    await act(async () => saves[0]!.answer.resolve(VIEW));
    expect(saves.map((s) => s.ids)).toEqual([
      ["b", "a", "c"],
      ["c", "b", "a"],
    ]);
    // The first answer is old news: not shown.
    expect(options.setView).not.toHaveBeenCalled();

    await act(async () => saves[1]!.answer.resolve(VIEW));
    expect(options.setView).toHaveBeenCalledTimes(1);
    expect(hook.result.current.said).toBe("C is now number 1 of 3.");
    // The server's order arrives with the view; until then the page shows the saved one.
    hook.rerender({ ...options, saved: ["c", "b", "a"] });
    expect(hook.result.current.ids).toEqual(["c", "b", "a"]);
  });

  it("puts the saved order back when a save is refused, says why and fetches the orders again", async () => {
    const { hook, saves, options } = editor(["a", "b"]);
    act(() => hook.result.current.reorder(["b", "a"], "B is now number 1 of 2."));
    await act(async () =>
      saves[0]!.answer.reject(new ApiError(409, "conflict", "Someone else changed the order.")),
    );
    expect(hook.result.current.ids).toEqual(["a", "b"]);
    expect(hook.result.current.error).toBe("Someone else changed the order.");
    expect(hook.result.current.said).toBe("");
    expect(options.reload).toHaveBeenCalledTimes(1);
  });

  it("says why a skip or shuffle was refused, fetches the orders again, and clears it on the next", async () => {
    const { hook, options } = editor(["a", "b"]);
    let ok!: boolean;
    await act(async () => {
      ok = await hook.result.current.change(async () => {
        throw new ApiError(409, "stage-changed", "The stage moved on meanwhile.");
      }, "Shuffled.");
    });
    expect(ok).toBe(false);
    expect(hook.result.current.error).toBe("The stage moved on meanwhile.");
    expect(hook.result.current.said).toBe("");
    expect(options.reload).toHaveBeenCalledTimes(1);
    expect(options.setView).not.toHaveBeenCalled();

    await act(async () => {
      ok = await hook.result.current.change(async () => VIEW, "Shuffled.");
    });
    expect(ok).toBe(true);
    expect(hook.result.current.error).toBeNull();
    expect(hook.result.current.said).toBe("Shuffled.");
  });

  it("runs one skip or shuffle at a time, and leaves out teams no longer in the category", async () => {
    const { hook, options } = editor(["a", "b"]);
    const first = deferred<PresentationsView>();
    let started!: Promise<boolean>;
    act(() => {
      started = hook.result.current.change(() => first.promise, "A is skipped for now.");
    });
    let second!: boolean;
    await act(async () => {
      second = await hook.result.current.change(async () => VIEW, "Shuffled.");
    });
    expect(second).toBe(false);
    await act(async () => first.resolve(VIEW));
    expect(await started).toBe(true);
    expect(hook.result.current.said).toBe("A is skipped for now.");
    expect(options.setView).toHaveBeenCalledTimes(1);

    // A pending order naming a team that has left shows only the teams still there.
    act(() => hook.result.current.reorder(["b", "a", "gone"], "B is now number 1."));
    expect(hook.result.current.ids).toEqual(["b", "a"]);
  });

  it("moves an item from one place to another", () => {
    expect(moved(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moved(["a", "b", "c", "d"], 3, 0)).toEqual(["d", "a", "b", "c"]);
  });
});
