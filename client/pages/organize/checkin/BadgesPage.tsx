/**
 * Badges to print on A4: eight to a sheet (2 × 4, with cut lines) or one to a page. A
 * participant's badge shows the first name large enough to read across a room, the team,
 * school, category, the table once set, the QR code the door scans, and for a child without
 * photo consent a band with the words "No photos" (never colour alone). Judges' and
 * organizers' badges carry their role. First names only: a badge is read by everyone.
 */
import { useState } from "react";
import type { BadgeView, ParticipantBadge } from "../../../../shared/api";
import { ArrowLeftIcon, EyeOffIcon, LogoMark, PrinterIcon } from "../../../components/Icons";
import { QrCode } from "../../../components/QrCode";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useQuery } from "../../../hooks/useQuery";
import { useTitle } from "../../../hooks/useTitle";
import { endpoint } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { Link } from "../../../lib/router";
import "../../../styles/print.css";
import "./badges.css";

type Layout = "sheet" | "single";
type Who = "everyone" | "participants" | "staff";

const PER_SHEET = 8;

function pages<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const byTeam = (a: ParticipantBadge, b: ParticipantBadge) =>
  a.teamName.localeCompare(b.teamName) || a.firstName.localeCompare(b.firstName);

export function BadgesPage({ slug }: { slug: string }) {
  const data = useQuery(endpoint("/events/{slug}/badges", { slug }));
  const [layout, setLayout] = useState<Layout>("sheet");
  const [who, setWho] = useState<Who>("everyone");
  useTitle(data.status === "ready" ? `${data.data.eventName}: badges` : "Badges");

  const all = data.status === "ready" ? data.data.badges : [];
  const participants = all.filter((b): b is ParticipantBadge => b.kind === "participant");
  const staff = all.filter((b) => b.kind !== "participant");
  const shown: BadgeView[] = [
    ...(who === "staff" ? [] : [...participants].sort(byTeam)),
    ...(who === "participants" ? [] : staff),
  ];
  const sheets = pages(shown, layout === "sheet" ? PER_SHEET : 1);

  return (
    <div className="page">
      <div className="nametag-toolbar print-toolbar">
        <Link to={`/organize/${slug}/check-in`} className="back-link">
          <ArrowLeftIcon /> Check-in
        </Link>
        <h1>Badges</h1>
        <p className="lead">
          Every member's badge has a QR code to scan at the door. Children without photo consent get
          a "No photos" band.
        </p>
        {data.status === "ready" && all.length > 0 && (
          <div className="nametag-controls">
            <fieldset className="nametag-choice">
              <legend>Paper</legend>
              <label>
                <input
                  type="radio"
                  name="nametag-layout"
                  checked={layout === "sheet"}
                  onChange={() => setLayout("sheet")}
                />
                8 badges on each A4 sheet, with cut lines
              </label>
              <label>
                <input
                  type="radio"
                  name="nametag-layout"
                  checked={layout === "single"}
                  onChange={() => setLayout("single")}
                />
                1 large badge on each A4 page
              </label>
            </fieldset>
            <fieldset className="nametag-choice">
              <legend>Badges for</legend>
              <label>
                <input
                  type="radio"
                  name="nametag-who"
                  checked={who === "everyone"}
                  onChange={() => setWho("everyone")}
                />
                Everyone ({all.length})
              </label>
              <label>
                <input
                  type="radio"
                  name="nametag-who"
                  checked={who === "participants"}
                  onChange={() => setWho("participants")}
                />
                Team members ({participants.length})
              </label>
              <label>
                <input
                  type="radio"
                  name="nametag-who"
                  checked={who === "staff"}
                  onChange={() => setWho("staff")}
                />
                Judges, teachers and organizers ({staff.length})
              </label>
            </fieldset>
            <button
              type="button"
              className="btn btn-primary btn-large"
              disabled={shown.length === 0}
              onClick={() => window.print()}
            >
              <PrinterIcon /> Print {plural(shown.length, "badge")} ({plural(sheets.length, "page")}
              )
            </button>
            <p className="hint">
              In the print window, choose A4 paper, portrait, no scaling ("100%" or "actual size"),
              and turn on background graphics for the coloured bands.
            </p>
          </div>
        )}
      </div>

      {data.status === "loading" && <Loading label="Loading the badges…" />}
      {data.status === "error" && <ErrorState error={data.error} retry={data.reload} />}
      {data.status === "ready" &&
        (shown.length === 0 ? (
          <EmptyState title="No badges to print yet">
            <p>Badges appear here as teams sign up and judges are invited.</p>
          </EmptyState>
        ) : (
          <div className="print-sheet">
            {sheets.map((sheet, i) => (
              <section
                // biome-ignore lint/suspicious/noArrayIndexKey: a sheet is its place in the print run.
                key={i}
                className={`nametag-sheet nametag-sheet-${layout} print-paper`}
                aria-label={`Page ${i + 1} of ${sheets.length}`}
              >
                <div className="nametag-grid">
                  {sheet.map((badge) => (
                    <Badge
                      key={
                        badge.kind === "participant" ? badge.memberId : `${badge.kind}-${badge.id}`
                      }
                      badge={badge}
                      eventName={data.data.eventName}
                    />
                  ))}
                </div>
              </section>
            ))}
          </div>
        ))}
    </div>
  );
}

/** Long names get a smaller size, so every name fits its badge on two lines at most. */
function nameClass(name: string): string {
  const length = [...name].length;
  if (length > 16) return "nametag-name nametag-name-longer";
  if (length > 9) return "nametag-name nametag-name-long";
  return "nametag-name";
}

const ROLE_WORDS = { judge: "Judge", teacher: "Teacher", organizer: "Organizer" } as const;

function Badge({ badge, eventName }: { badge: BadgeView; eventName: string }) {
  if (badge.kind !== "participant")
    return (
      <article
        className={`nametag nametag-staff nametag-${badge.kind}`}
        aria-label={`${ROLE_WORDS[badge.kind]}: ${badge.name}`}
      >
        <p className="nametag-event">
          <LogoMark className="nametag-logo" /> {eventName}
        </p>
        <p className={nameClass(badge.name)}>{badge.name}</p>
        <p className="nametag-role">{ROLE_WORDS[badge.kind]}</p>
      </article>
    );
  return (
    <article
      className={`nametag${badge.photoConsent ? "" : " nametag-nophoto"}`}
      aria-label={`Badge: ${badge.firstName}, ${badge.teamName}${badge.photoConsent ? "" : ", no photos"}`}
    >
      <p className="nametag-event">
        <LogoMark className="nametag-logo" /> {eventName}
      </p>
      <p className={nameClass(badge.firstName)}>{badge.firstName}</p>
      <div className="nametag-body">
        <div className="nametag-words">
          <p className="nametag-team">{badge.teamName}</p>
          <p className="nametag-school">{badge.school}</p>
          <p className="nametag-category">
            {badge.categoryName}
            {badge.tableNumber && <span className="nametag-table">Table {badge.tableNumber}</span>}
          </p>
        </div>
        <div className="nametag-qr">
          <QrCode text={badge.link} label={`Check-in code for ${badge.firstName}`} />
        </div>
      </div>
      {!badge.photoConsent && (
        <p className="nametag-band">
          <EyeOffIcon className="nametag-band-icon" /> No photos
        </p>
      )}
    </article>
  );
}
