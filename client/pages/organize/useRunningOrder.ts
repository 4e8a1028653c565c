/**
 * What the running order does, apart from how it looks: saving moves one after another with
 * only the newest order sent next, one skip or shuffle at a time, and dragging a row by its
 * handle. RunningOrder.tsx draws it; tests/unit/runningOrder.test.tsx drives it.
 */
import { type PointerEvent, type RefObject, useRef, useState } from "react";
import type { PresentationsView } from "../../../shared/api";
import { useMutation } from "../../hooks/useMutation";

/** `ids` with the item at `from` moved to `to`. */
export function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export interface OrderEditorOptions {
  /** The order as the server last said. */
  saved: readonly string[];
  /** Saves a whole order; answers the categories' orders as they now are. */
  saveOrder: (ids: string[]) => Promise<PresentationsView>;
  /** Shows the server's answer. */
  setView: (view: PresentationsView) => void;
  /** Fetches the orders again after a refusal: someone else may have changed them. */
  reload: () => void;
}

export interface OrderEditor {
  /** The order to show: a move not yet saved shows at once. */
  ids: string[];
  /** What was last done, for the status line ("Saving…", "Team A is now number 2 of 5."). */
  said: string;
  /** Why the last change was refused, or null. */
  error: string | null;
  /** Shows `next` at once and saves it; `done` is said once it is saved. */
  reorder(next: string[], done: string): void;
  /** Runs one skip or shuffle at a time; false when it was refused (or another was running). */
  change(work: () => Promise<PresentationsView>, done: string): Promise<boolean>;
}

/**
 * Moves show at once and are saved one after another: a move made while one is being saved
 * waits, and only the newest order is sent next. A refused save shows the saved order again,
 * says why and fetches the orders afresh.
 */
export function useOrderEditor({
  saved,
  saveOrder,
  setView,
  reload,
}: OrderEditorOptions): OrderEditor {
  const [pending, setPending] = useState<string[] | null>(null);
  const [said, setSaid] = useState("");
  const sending = useRef(false);
  const wanted = useRef<{ ids: string[]; done: string } | null>(null);
  const refused = () => {
    setSaid("");
    reload();
    return undefined;
  };
  const save = useMutation(saveOrder, {
    onError: () => {
      wanted.current = null;
      setPending(null);
      return refused();
    },
  });
  const changing = useMutation(
    ({ work }: { work: () => Promise<PresentationsView>; done: string }) => work(),
    {
      onSuccess: (view, { done }) => {
        setView(view);
        setSaid(done);
      },
      onError: refused,
    },
  );

  // Each turn sends the newest order asked for; a failed save empties the queue (onError).
  const sendOrder = async () => {
    sending.current = true;
    changing.reset();
    setSaid("Saving…");
    while (wanted.current) {
      const { ids: next, done } = wanted.current;
      wanted.current = null;
      const view = await save.run(next);
      if (!view || wanted.current) continue;
      setView(view);
      setPending(null);
      setSaid(done);
    }
    sending.current = false;
  };

  const known = new Set(saved);
  return {
    ids: (pending ?? [...saved]).filter((id) => known.has(id)),
    said,
    error: changing.message ?? save.message ?? null,
    reorder(next, done) {
      setPending(next);
      wanted.current = { ids: next, done };
      if (!sending.current) void sendOrder();
    },
    async change(work, done) {
      save.reset();
      setSaid("Saving…");
      return (await changing.run({ work, done })) !== undefined;
    },
  };
}

export interface Drag {
  id: string;
  /** The order when the drag started. */
  ids: string[];
  from: number;
  to: number;
  startY: number;
  dy: number;
  /** Each row's middle at the start, in page coordinates. */
  mids: number[];
  /** How far a row moves to make room: the dragged row's height and the gap. */
  step: number;
}

/**
 * Dragging a row by its handle, with a mouse, a pen or a finger. The rows stay where they are
 * in the page while dragging (moving them would end the drag) and slide aside to make room;
 * `offset(i)` says how far row i is drawn from its place. The drag lives in a ref too: pointer
 * events can come faster than the page redraws. `onDrop` gets the new order and the row moved.
 */
export function useDragReorder(
  ids: string[],
  listRef: RefObject<HTMLOListElement | null>,
  onDrop: (next: string[], id: string) => void,
) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragging = useRef<Drag | null>(null);
  const follow = (next: Drag | null) => {
    dragging.current = next;
    setDrag(next);
  };
  const moveDrag = (e: PointerEvent<HTMLElement>) => {
    const current = dragging.current;
    if (!current) return;
    const dy = e.clientY + window.scrollY - current.startY;
    const middle = (current.mids[current.from] ?? 0) + dy;
    const to = current.mids.filter((m, i) => i !== current.from && m < middle).length;
    follow({ ...current, dy, to });
  };
  return {
    drag,
    startDrag(e: PointerEvent<HTMLElement>, id: string) {
      if (e.button !== 0 || !listRef.current) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      const rows = [...listRef.current.children].map((row) => row.getBoundingClientRect());
      const from = ids.indexOf(id);
      const first = rows[0];
      const second = rows[1];
      const gap = first && second ? second.top - first.bottom : 0;
      follow({
        id,
        ids,
        from,
        to: from,
        startY: e.clientY + window.scrollY,
        dy: 0,
        mids: rows.map((r) => r.top + r.height / 2 + window.scrollY),
        step: (rows[from]?.height ?? 0) + gap,
      });
    },
    moveDrag,
    endDrag(e: PointerEvent<HTMLElement>, commit: boolean) {
      if (commit) moveDrag(e);
      const done = dragging.current;
      follow(null);
      if (commit && done && done.to !== done.from)
        onDrop(moved(done.ids, done.from, done.to), done.id);
    },
    offset(index: number): number {
      if (!drag) return 0;
      if (index === drag.from) return drag.dy;
      if (drag.from < drag.to && index > drag.from && index <= drag.to) return -drag.step;
      if (drag.to < drag.from && index >= drag.to && index < drag.from) return drag.step;
      return 0;
    },
  };
}
