/**
 * The guardians' consent letters, one A4 page each: the organizer's (with the guardian's link)
 * and a teacher's (with boxes to tick and lines to sign) share this page and this letter frame,
 * so both look alike and print alike. Each page fills in only what its letters say differently.
 * Printed by the browser (@media print in consentLetter.css), no PDF service.
 */
import type { ReactNode } from "react";
import type { ApiError } from "../lib/api";
import { dateRange, plural } from "../lib/format";
import { Link } from "../lib/router";
import { ArrowLeftIcon, LogoMark, PrinterIcon } from "./Icons";
import { EmptyState, ErrorState, Loading } from "./States";
import "../styles/print.css";
import "./consentLetter.css";

/**
 * Where the page's letters stand: still loading, failed, or ready with this many, and with the
 * words for a page that has none to print.
 */
export type LettersState =
  | { status: "loading" }
  | { status: "error"; error: ApiError; retry: () => void }
  | { status: "ready"; count: number; empty: { title: string; text: string } };

/**
 * The page around the letters: a toolbar (back, title, what the letters are for, the print
 * button), then the loading, failed or empty state, or the letters. Only the letters print.
 */
export function ConsentLetterScreen({
  back,
  title,
  lead,
  state,
  children,
}: {
  /** The page the letters come from: `label` names it on the back link, `again` on the way back from an empty page. */
  back: { to: string; label: string; again: string };
  title: string;
  lead: string;
  state: LettersState;
  /** The letters, each a ConsentLetter. */
  children: ReactNode;
}) {
  const count = state.status === "ready" ? state.count : 0;
  return (
    <div className="page">
      <div className="consent-letter-toolbar print-toolbar">
        <Link to={back.to} className="back-link">
          <ArrowLeftIcon /> {back.label}
        </Link>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
        {count > 0 && (
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => window.print()}
            >
              <PrinterIcon /> Print {plural(count, "letter")}
            </button>
            <p className="hint">In the print window, choose A4 paper and portrait.</p>
          </div>
        )}
      </div>
      {state.status === "loading" && <Loading label="Loading the letters…" />}
      {state.status === "error" && <ErrorState error={state.error} retry={state.retry} />}
      {state.status === "ready" &&
        (count === 0 ? (
          <EmptyState
            title={state.empty.title}
            action={
              <Link className="btn btn-primary" to={back.to}>
                {back.again}
              </Link>
            }
          >
            <p>{state.empty.text}</p>
          </EmptyState>
        ) : (
          <div className="print-sheet">{children}</div>
        ))}
    </div>
  );
}

/** What a letter says of the event. */
export interface LetterEvent {
  name: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
}

/**
 * One guardian's letter: the head, the question, the dates and venue, what consent covers and
 * the footer. `intro` stands between the dates and what consent covers, `children` after it.
 */
export function ConsentLetter({
  firstName,
  to,
  event,
  covers,
  intro,
  foot,
  children,
}: {
  firstName: string;
  /** Who else the letter names after the child's first name: the team, the school. */
  to: ReactNode;
  event: LetterEvent;
  /** What the guardian agrees to, one line each (consentTerms().covers). */
  covers: readonly string[];
  intro: ReactNode;
  foot: ReactNode;
  children?: ReactNode;
}) {
  return (
    <article
      className="consent-letter print-paper"
      aria-label={`Consent letter for ${firstName}'s guardian`}
    >
      <div className="consent-letter-page">
        <header className="consent-letter-head">
          <p className="consent-letter-brand">
            <LogoMark className="consent-letter-logo" />
            Hack Manchester <span>Junior</span>
          </p>
          <p className="consent-letter-to">
            For the parent or guardian of <strong>{firstName}</strong>
            {to}
          </p>
        </header>
        <h2 className="consent-letter-title">
          Can {firstName} take part in {event.name}?
        </h2>
        <p className="consent-letter-when">
          {dateRange(event.startsAt, event.endsAt, event.timezone)} · {event.venue}
        </p>
        {intro}
        <h3>What you are agreeing to</h3>
        <ul className="consent-letter-covers">
          {covers.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {children}
        <footer className="consent-letter-foot">{foot}</footer>
      </div>
    </article>
  );
}
