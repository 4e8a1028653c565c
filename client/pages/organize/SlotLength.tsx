/**
 * The slot every team of a category gets on stage: minutes and seconds of talk, then of
 * questions, checked against the same limits the server has before they are sent.
 */
import { type FormEvent, useEffect, useId, useState } from "react";
import type { PresentationOrder, PresentationsView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { useMutation } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import "./order.css";

/** "3 min talk", "2 min 30 s questions", "no questions". */
export function slotWords(seconds: number, what: "talk" | "questions"): string {
  if (seconds <= 0) return `no ${what}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const time = [minutes ? `${minutes} min` : "", rest ? `${rest} s` : ""].filter(Boolean);
  return `${time.join(" ")} ${what}`;
}

export type Fields = { talkMin: string; talkSec: string; qMin: string; qSec: string };

export const fieldsOf = (
  order: Pick<PresentationOrder, "talkSeconds" | "questionsSeconds">,
): Fields => ({
  talkMin: String(Math.floor(order.talkSeconds / 60)),
  talkSec: String(order.talkSeconds % 60),
  qMin: String(Math.floor(order.questionsSeconds / 60)),
  qSec: String(order.questionsSeconds % 60),
});

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** Minutes and seconds to seconds, or what is wrong with them (the same limits the server has). */
export function readSlot(f: Fields): {
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
export function SlotLength({
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
  const [said, setSaid] = useState("");
  const save = useMutation(
    (slot: { talkSeconds: number; questionsSeconds: number }) =>
      api.send(
        "PUT /events/{slug}/presentations/{categoryId}",
        { slug, categoryId: order.categoryId },
        slot,
      ),
    {
      onSuccess: (view) => {
        setView(view);
        const saved = view.categories.find((c) => c.categoryId === order.categoryId) ?? order;
        setSaid(
          `Saved: ${slotWords(saved.talkSeconds, "talk")}, then ${slotWords(saved.questionsSeconds, "questions")}.`,
        );
      },
    },
  );
  const busy = save.busy;
  const failed = save.message;
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
    save.reset();
    const { talkSeconds, questionsSeconds } = read;
    if (read.errors.talk || read.errors.questions) return;
    if (talkSeconds === undefined || questionsSeconds === undefined) return;
    await save.run({ talkSeconds, questionsSeconds });
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
