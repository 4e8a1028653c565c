/**
 * A category's running order: drag a team by its handle, or move it with the up and down
 * buttons (the keyboard's way, and the accessible one); shuffle; skip a team that is not ready
 * and bring it back; and the slot length every team gets. Each change is saved at once and
 * the projector's "up next" follows.
 */
import { type FormEvent, type PointerEvent, useEffect, useId, useRef, useState } from "react";
import type { PresentationOrder, PresentationsView, StageState } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
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
import "./order.css";
import { api, messageOf, seg } from "../../lib/api";

/** "3 min talk", "2 min 30 s questions", "no questions". */
export function slotWords(seconds: number, what: "talk" | "questions"): string {
  if (seconds <= 0) return `no ${what}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const time = [minutes ? `${minutes} min` : "", rest ? `${rest} s` : ""].filter(Boolean);
  return `${time.join(" ")} ${what}`;
}

/** `ids` with the item at `from` moved to `to`. */
function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

interface Drag {
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
  const base = `/events/${seg(slug)}/presentations/${seg(order.categoryId)}`;
  const [pending, setPending] = useState<string[] | null>(null);
  const [said, setSaid] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [asking, setAsking] = useState(false);
  const busy = useRef(false);
  const [shuffling, setShuffling] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  /** After a move by keyboard, the button to keep the focus on. */
  const refocus = useRef<{ id: string; dir: "up" | "down" } | null>(null);

  const byId = new Map(order.slots.map((s) => [s.teamId, s]));
  const saved = order.slots.map((s) => s.teamId);
  const ids = (pending ?? saved).filter((id) => byId.has(id));
  const onStage = stage.phase !== "idle" && stage.categoryId === order.categoryId;

  /** Runs one skip or shuffle at a time and shows the new orders, or says what went wrong. */
  const change = async (work: () => Promise<PresentationsView>, done: string) => {
    if (busy.current) return false;
    busy.current = true;
    setError(null);
    setSaid("Saving…");
    try {
      setView(await work());
      setSaid(done);
      return true;
    } catch (e) {
      setSaid("");
      setError(messageOf(e));
      reload();
      return false;
    } finally {
      busy.current = false;
    }
  };

  // Moves show at once and are saved one after another; a move made while one is being saved
  // waits, and only the newest order is sent next.
  const sending = useRef(false);
  const wanted = useRef<{ ids: string[]; done: string } | null>(null);
  const sendOrder = async () => {
    sending.current = true;
    setError(null);
    setSaid("Saving…");
    while (wanted.current) {
      const { ids: next, done } = wanted.current;
      wanted.current = null;
      try {
        const view = await api.put<PresentationsView>(base, { teamIds: next });
        if (wanted.current) continue;
        setView(view);
        setPending(null);
        setSaid(done);
      } catch (e) {
        wanted.current = null;
        setPending(null);
        setSaid("");
        setError(messageOf(e));
        reload();
      }
    }
    sending.current = false;
  };

  const reorder = (next: string[], id: string) => {
    setPending(next);
    const name = byId.get(id)?.teamName ?? "The team";
    wanted.current = {
      ids: next,
      done: `${name} is now number ${next.indexOf(id) + 1} of ${next.length}.`,
    };
    if (!sending.current) void sendOrder();
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
      () => api.put<PresentationsView>(`${base}/teams/${seg(id)}`, { skipped }),
      skipped
        ? `${name} is skipped for now. Bring them back when they are ready.`
        : `${name} is back in the running order.`,
    );
  };

  // After a false start: the mark goes, and "next team" reaches the team again.
  const presentAgain = (id: string) => {
    const name = byId.get(id)?.teamName ?? "The team";
    void change(
      () => api.put<PresentationsView>(`${base}/teams/${seg(id)}`, { presented: false }),
      `${name} can present again: "Next team" will call them in their place.`,
    );
  };

  const shuffle = async () => {
    setShuffling(true);
    const ok = await change(
      () => api.post<PresentationsView>(`${base}/shuffle`),
      "The running order is shuffled.",
    );
    setShuffling(false);
    if (ok) setAsking(false);
  };

  // Dragging by the handle, with a mouse, a pen or a finger. The rows stay where they are in
  // the page while dragging (moving them would end the drag) and slide aside to make room.
  // The drag lives in a ref too: pointer events can come faster than the page redraws.
  const dragging = useRef<Drag | null>(null);
  const follow = (next: Drag | null) => {
    dragging.current = next;
    setDrag(next);
  };
  const startDrag = (e: PointerEvent<HTMLElement>, id: string) => {
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
  };
  const moveDrag = (e: PointerEvent<HTMLElement>) => {
    const current = dragging.current;
    if (!current) return;
    const dy = e.clientY + window.scrollY - current.startY;
    const middle = (current.mids[current.from] ?? 0) + dy;
    const to = current.mids.filter((m, i) => i !== current.from && m < middle).length;
    follow({ ...current, dy, to });
  };
  const endDrag = (e: PointerEvent<HTMLElement>, commit: boolean) => {
    if (commit) moveDrag(e);
    const done = dragging.current;
    follow(null);
    if (commit && done && done.to !== done.from)
      reorder(moved(done.ids, done.from, done.to), done.id);
  };
  const offset = (index: number): number => {
    if (!drag) return 0;
    if (index === drag.from) return drag.dy;
    if (drag.from < drag.to && index > drag.from && index <= drag.to) return -drag.step;
    if (drag.to < drag.from && index >= drag.to && index < drag.from) return drag.step;
    return 0;
  };

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
              <ShuffleIcon /> {shuffling ? "Shuffling…" : "Yes, shuffle"}
            </>
          }
          onConfirm={() => void shuffle()}
          busy={shuffling}
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

type Fields = { talkMin: string; talkSec: string; qMin: string; qSec: string };

const fieldsOf = (order: Pick<PresentationOrder, "talkSeconds" | "questionsSeconds">): Fields => ({
  talkMin: String(Math.floor(order.talkSeconds / 60)),
  talkSec: String(order.talkSeconds % 60),
  qMin: String(Math.floor(order.questionsSeconds / 60)),
  qSec: String(order.questionsSeconds % 60),
});

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** Minutes and seconds to seconds, or what is wrong with them (the same limits the server has). */
function readSlot(f: Fields): {
  talkSeconds?: number;
  questionsSeconds?: number;
  errors: Partial<Record<"talk" | "questions", string>>;
} {
  const errors: Partial<Record<"talk" | "questions", string>> = {};
  const read = (min: string, sec: string) => {
    const m = whole(min || "0");
    const s = whole(sec || "0");
    if (Number.isNaN(m) || Number.isNaN(s)) return "Use whole numbers of minutes and seconds.";
    if (s > 59) return "Seconds go from 0 to 59.";
    return m * 60 + s;
  };
  const talk = read(f.talkMin, f.talkSec);
  const questions = read(f.qMin, f.qSec);
  if (typeof talk === "string") errors.talk = talk;
  else if (talk < LIMITS.talkSecondsMin || talk > LIMITS.talkSecondsMax)
    errors.talk = `A talk lasts from ${LIMITS.talkSecondsMin} seconds to ${LIMITS.talkSecondsMax / 60} minutes.`;
  if (typeof questions === "string") errors.questions = questions;
  else if (questions > LIMITS.questionsSecondsMax)
    errors.questions = `Questions last at most ${LIMITS.questionsSecondsMax / 60} minutes (0 for none).`;
  return {
    ...(typeof talk === "number" ? { talkSeconds: talk } : {}),
    ...(typeof questions === "number" ? { questionsSeconds: questions } : {}),
    errors,
  };
}

/** The slot every team of the category gets: talk, then questions. */
function SlotLength({
  slug,
  order,
  setView,
}: {
  slug: string;
  order: PresentationOrder;
  setView: (view: PresentationsView) => void;
}) {
  const id = useId();
  const { talkSeconds, questionsSeconds } = order;
  const [fields, setFields] = useState<Fields>(() => fieldsOf(order));
  const [errors, setErrors] = useState<Partial<Record<"talk" | "questions", string>>>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const [failed, setFailed] = useState<string | null>(null);
  // Another organizer (or this one) saved new lengths: show them.
  useEffect(() => {
    setFields(fieldsOf({ talkSeconds, questionsSeconds }));
  }, [talkSeconds, questionsSeconds]);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const read = readSlot(fields);
    setErrors(read.errors);
    setSaid("");
    setFailed(null);
    if (read.errors.talk || read.errors.questions) return;
    setBusy(true);
    try {
      const view = await api.put<PresentationsView>(
        `/events/${seg(slug)}/presentations/${seg(order.categoryId)}`,
        { talkSeconds: read.talkSeconds, questionsSeconds: read.questionsSeconds },
      );
      setView(view);
      const saved = view.categories.find((c) => c.categoryId === order.categoryId) ?? order;
      setSaid(
        `Saved: ${slotWords(saved.talkSeconds, "talk")}, then ${slotWords(saved.questionsSeconds, "questions")}.`,
      );
    } catch (error) {
      setFailed(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const part = (
    which: "talk" | "questions",
    legend: string,
    min: keyof Fields,
    sec: keyof Fields,
  ) => (
    <fieldset
      className="order-slot-part"
      aria-describedby={errors[which] ? `${id}-${which}-error` : undefined}
    >
      <legend className="label">{legend}</legend>
      <div className="order-slot-inputs">
        <SlotNumber
          value={fields[min]}
          max={30}
          unit="min"
          label={`${legend} minutes`}
          invalid={Boolean(errors[which])}
          onChange={set(min)}
        />
        <SlotNumber
          value={fields[sec]}
          max={59}
          unit="sec"
          label={`${legend} seconds`}
          invalid={Boolean(errors[which])}
          onChange={set(sec)}
        />
      </div>
      {errors[which] && (
        <p id={`${id}-${which}-error`} className="field-error">
          {errors[which]}
        </p>
      )}
    </fieldset>
  );

  return (
    <form className="order-slot-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="order-slot-title">
        Slot for each team
      </h3>
      <div className="order-slot-parts">
        {part("talk", "Talk", "talkMin", "talkSec")}
        {part("questions", "Questions", "qMin", "qSec")}
      </div>
      <p className="hint">
        From {LIMITS.talkSecondsMin} seconds to {LIMITS.talkSecondsMax / 60} minutes of talk; 0
        minutes of questions for none. The timer turns amber in the last{" "}
        {LIMITS.stageWarningMs / 1000} seconds and red when time is up.
      </p>
      <div className="order-slot-save">
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {busy ? "Saving…" : "Save slot length"}
        </button>
        <p className="small order-slot-said" role="status">
          {said}
        </p>
      </div>
      {failed && (
        <p className="field-error" role="alert">
          {failed}
        </p>
      )}
    </form>
  );
}

/** One number box of a slot length, with its unit shown and its full name for screen readers. */
function SlotNumber({
  value,
  max,
  unit,
  label,
  invalid,
  onChange,
}: {
  value: string;
  max: number;
  unit: string;
  label: string;
  invalid: boolean;
  onChange: (e: { target: { value: string } }) => void;
}) {
  return (
    <label className="order-slot-input">
      <input
        className="input"
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-invalid={invalid}
        onChange={onChange}
      />
      <span aria-hidden="true">{unit}</span>
      <span className="visually-hidden">{label}</span>
    </label>
  );
}
