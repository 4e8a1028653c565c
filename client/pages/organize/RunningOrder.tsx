/**
 * A category's running order: drag a team by its handle, or move it with the up and down
 * buttons (the keyboard's way, and the accessible one); shuffle; skip a team that is not ready
 * and bring it back; and the slot length every team gets. Each change is saved at once and
 * the projector's "up next" follows.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { PresentationOrder, PresentationsView, StageState } from "../../../shared/api";
import { ConfirmPanel, useReturnFocus } from "../../components/ConfirmPanel";
import {
  ArrowDownIcon,
  ArrowUpIcon,
  CheckIcon,
  GripIcon,
  MicIcon,
  ShuffleIcon,
} from "../../components/Icons";
import { Notice } from "../../components/States";
import { useMutation } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { SlotLength } from "./SlotLength";

import { moved, useDragReorder, useOrderEditor } from "./useRunningOrder";
import "./order.css";

export function RunningOrder({
  slug,
  order,
  stage,
  setView,
  reload,
}: {
  slug: string;
  order: PresentationOrder;
  stage: StageState;
  setView: (view: PresentationsView) => void;
  reload: () => void;
}) {
  const headingId = useId();
  const at = { slug, categoryId: order.categoryId };
  const [asking, setAsking] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  /** After a move by keyboard, the button to keep the focus on. */
  const refocus = useRef<{ id: string; dir: "up" | "down" } | null>(null);

  const byId = new Map(order.slots.map((s) => [s.teamId, s]));
  const editor = useOrderEditor({
    saved: order.slots.map((s) => s.teamId),
    saveOrder: (teamIds) =>
      api.send("PUT /events/{slug}/presentations/{categoryId}", at, { teamIds }),
    setView,
    reload,
  });
  const { ids, said, error, change } = editor;
  const onStage = stage.phase !== "idle" && stage.categoryId === order.categoryId;

  const reorder = (next: string[], id: string) => {
    const name = byId.get(id)?.teamName ?? "The team";
    editor.reorder(next, `${name} is now number ${next.indexOf(id) + 1} of ${next.length}.`);
  };

  const move = (id: string, dir: "up" | "down") => {
    const from = ids.indexOf(id);
    const to = dir === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return;
    refocus.current = { id, dir };
    reorder(moved(ids, from, to), id);
  };

  // A row moved down is taken out and put back by the browser, which loses the focus: put it
  // back on the same button, or on the other one when this one has reached the end.
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const list = listRef.current;
    const button = (dir: string) =>
      list?.querySelector<HTMLButtonElement>(`[data-move="${dir}"][data-team="${target.id}"]`);
    const same = button(target.dir);
    (same && !same.disabled ? same : button(target.dir === "up" ? "down" : "up"))?.focus();
  });

  // The question takes the focus, and gives it back to the Shuffle button when answered.
  const shuffleRef = useReturnFocus(asking);

  const skip = (id: string, skipped: boolean) => {
    const name = byId.get(id)?.teamName ?? "The team";
    void change(
      () =>
        api.send(
          "PUT /events/{slug}/presentations/{categoryId}/teams/{teamId}",
          { ...at, teamId: id },
          { skipped },
        ),
      skipped
        ? `${name} is skipped for now. Bring them back when they are ready.`
        : `${name} is back in the running order.`,
    );
  };

  // After a false start: the mark goes, and "next team" reaches the team again.
  const presentAgain = (id: string) => {
    const name = byId.get(id)?.teamName ?? "The team";
    void change(
      () =>
        api.send(
          "PUT /events/{slug}/presentations/{categoryId}/teams/{teamId}",
          { ...at, teamId: id },
          { presented: false },
        ),
      `${name} can present again: "Next team" will call them in their place.`,
    );
  };

  // The editor says how it went; this only keeps the button saying "Shuffling…" meanwhile.
  const shuffle = useMutation(async () => {
    const ok = await change(
      () => api.send("POST /events/{slug}/presentations/{categoryId}/shuffle", at),
      "The running order is shuffled.",
    );
    if (ok) setAsking(false);
  });

  const { drag, startDrag, moveDrag, endDrag, offset } = useDragReorder(ids, listRef, reorder);

  const presented = order.slots.filter((s) => s.presented).length;
  const skipped = order.slots.filter((s) => s.skipped).length;

  return (
    <section className="card order-card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>Running order</h2>
        <p className="muted small order-stats">
          {order.slots.length} teams · {presented} presented
          {skipped > 0 && ` · ${skipped} skipped`}
        </p>
      </div>
      <p className="hint">
        Drag a team by its handle, or use the arrow buttons. Skip a team that is not ready: Next
        team passes over it until you bring it back.
      </p>

      <SlotLength slug={slug} order={order} setView={setView} />

      {error && (
        <Notice tone="error" live>
          <p>{error}</p>
        </Notice>
      )}
      <p className="order-said small" role="status">
        {said}
      </p>

      <ol className={`order-list${drag ? " order-list-dragging" : ""}`} ref={listRef}>
        {ids.map((id, index) => {
          const slot = byId.get(id)!;
          const here = onStage && stage.team?.id === id;
          const classes = ["order-row"];
          if (slot.skipped) classes.push("order-row-skipped");
          if (here) classes.push("order-row-here");
          if (drag?.id === id) classes.push("order-row-dragged");
          const shift = offset(index);
          return (
            <li
              key={id}
              className={classes.join(" ")}
              style={shift ? { transform: `translateY(${shift}px)` } : undefined}
            >
              <span
                className="order-grip"
                aria-hidden="true"
                title="Drag to move"
                data-testid={`grip-${slot.teamName}`}
                onPointerDown={(e) => startDrag(e, id)}
                onPointerMove={moveDrag}
                onPointerUp={(e) => endDrag(e, true)}
                onPointerCancel={(e) => endDrag(e, false)}
              >
                <GripIcon />
              </span>
              <span className="order-place" aria-hidden="true">
                {index + 1}
              </span>
              <div className="order-who">
                <p className="order-team">
                  <span className="visually-hidden">Number {index + 1}: </span>
                  {slot.teamName}
                </p>
                <p className="order-project">
                  {slot.projectTitle ? `“${slot.projectTitle}”` : "No project handed in"}
                </p>
                {(here || slot.presented || slot.skipped) && (
                  <p className="order-marks">
                    {here && (
                      <span className="badge order-mark-here">
                        <MicIcon /> On stage
                      </span>
                    )}
                    {slot.presented && !here && (
                      <>
                        <span className="badge badge-ok">
                          <CheckIcon /> Presented
                        </span>
                        <button
                          type="button"
                          className="order-again"
                          onClick={() => presentAgain(id)}
                        >
                          Present again
                          <span className="visually-hidden"> {slot.teamName}</span>
                        </button>
                      </>
                    )}
                    {slot.skipped && <span className="badge badge-wait">Skipped</span>}
                  </p>
                )}
              </div>
              <div className="order-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-icon"
                  data-move="up"
                  data-team={id}
                  aria-label={`Move ${slot.teamName} up`}
                  disabled={index === 0}
                  onClick={() => move(id, "up")}
                >
                  <ArrowUpIcon />
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-icon"
                  data-move="down"
                  data-team={id}
                  aria-label={`Move ${slot.teamName} down`}
                  disabled={index === ids.length - 1}
                  onClick={() => move(id, "down")}
                >
                  <ArrowDownIcon />
                </button>
                <button
                  type="button"
                  className="btn btn-ghost order-skip"
                  onClick={() => skip(id, !slot.skipped)}
                >
                  {slot.skipped ? "Bring back" : "Skip"}
                  <span className="visually-hidden"> {slot.teamName}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>

      {asking ? (
        <ConfirmPanel
          className="confirm order-shuffle-confirm"
          legend="Shuffle the running order"
          question={
            <>
              Shuffle the running order of {order.categoryName}? The order you have now is lost.
              {presented > 0 && " Teams that have presented keep their mark."}
            </>
          }
          confirm={
            <>
              <ShuffleIcon /> {shuffle.busy ? "Shuffling…" : "Yes, shuffle"}
            </>
          }
          onConfirm={() => void shuffle.run()}
          busy={shuffle.busy}
          cancel="Keep this order"
          onCancel={() => setAsking(false)}
          focus="cancel"
        />
      ) : (
        <button
          ref={shuffleRef}
          type="button"
          className="btn btn-secondary"
          disabled={order.slots.length < 2}
          onClick={() => setAsking(true)}
        >
          <ShuffleIcon /> Shuffle the order
        </button>
      )}
    </section>
  );
}
