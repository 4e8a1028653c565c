/**
 * The organizer's results: every award with its team (revealed or not), the ways out
 * (certificates to print, the results as a spreadsheet, the public results page), and the
 * judges' written feedback with the button that releases it to the teams.
 */
import type { CeremonyPlan } from "../../../../shared/api";
import { PlaceBadge } from "../../../components/EventBits";
import {
  CheckIcon,
  DownloadIcon,
  EyeOffIcon,
  LinkIcon,
  LockIcon,
  PrinterIcon,
  SparkleIcon,
  TrophyIcon,
} from "../../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../../components/States";
import { useTitle } from "../../../hooks/useTitle";
import { seg } from "../../../lib/api";
import { sponsorLine } from "../../../lib/awards";
import { plural } from "../../../lib/format";
import { Link } from "../../../lib/router";
import type { SectionProps } from "../EventLayout";
import { SectionHead } from "../SectionHead";
import { FeedbackPanel } from "./FeedbackPanel";
import { useCeremonyPlan } from "./useCeremonyPlan";
import "./awards.css";

type PlanAward = CeremonyPlan["awards"][number];

export function ResultsSection({ event }: SectionProps) {
  useTitle(`${event.name}: results`);
  const { plan } = useCeremonyPlan(event.slug);
  const slug = event.slug;

  return (
    <>
      <SectionHead event={event.name} title="Results">
        <p>
          Who won what, the certificates to print, and the results to keep. Teams and the public see
          a winner only once it is revealed at the ceremony.
        </p>
      </SectionHead>
      <div className="award-results-links">
        <Link className="btn btn-primary" to={`/organize/${slug}/certificates`}>
          <PrinterIcon /> Certificates
        </Link>
        <a
          className="btn btn-secondary"
          href={`/api/events/${seg(slug)}/exports/results.csv`}
          download
        >
          <DownloadIcon /> Download results (CSV)
        </a>
        <Link className="btn btn-secondary" to={`/events/${slug}/results`}>
          <LinkIcon /> Public results page
        </Link>
      </div>

      {plan.status === "loading" && <Loading label="Loading the results…" />}
      {plan.status === "error" && <ErrorState error={plan.error} retry={plan.reload} />}
      {plan.status === "ready" && !plan.data.locked && (
        <Notice tone="info" title="No results yet">
          <p>
            Results are made from the final scores when you lock scoring, at the bottom of the
            Judging page. Until then the spreadsheet holds the live ranking.
          </p>
          <p>
            <Link to={`/organize/${slug}/judging`}>
              <LockIcon /> Go to Judging
            </Link>
          </p>
        </Notice>
      )}
      {plan.status === "ready" && plan.data.locked && <Awards slug={slug} plan={plan.data} />}
      <FeedbackPanel slug={slug} timeZone={event.timezone} />
    </>
  );
}

function Awards({ slug, plan }: { slug: string; plan: CeremonyPlan }) {
  const awards = plan.awards.filter((a) => a.team || a.candidates.length > 0);
  const revealed = awards.filter((a) => a.revealed).length;
  const categories = [...new Set(awards.map((a) => a.categoryId))];

  if (awards.length === 0)
    return (
      <EmptyState icon={<TrophyIcon className="state-icon" />} title="No awards">
        <p>No category had both prizes and ranked teams when scoring was locked.</p>
      </EmptyState>
    );

  return (
    <>
      <p className="award-results-stats">
        <span>
          <strong>{revealed}</strong> of {plural(awards.length, "award")} revealed
        </span>
        {plan.state.finished ? (
          <span className="badge badge-ok">
            <CheckIcon /> The ceremony is complete
          </span>
        ) : (
          <Link to={`/organize/${slug}/ceremony`}>
            <SparkleIcon /> Run the ceremony
          </Link>
        )}
      </p>
      <ul className="card-list">
        {categories.map((id) => {
          const list = awards.filter((a) => a.categoryId === id).sort((a, b) => a.place - b.place);
          const name = list[0]?.category ?? "";
          return (
            <li key={id} className="card">
              <h2>{name}</h2>
              <ul className="award-rows">
                {list.map((a) => (
                  <AwardRow key={a.id} award={a} />
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {plan.unawarded.length > 0 && (
        <section className="card" aria-labelledby="results-unawarded">
          <h2 id="results-unawarded">Prizes with no team</h2>
          <ul className="award-rows">
            {plan.unawarded.map((p) => (
              <li key={`${p.categoryId}:${p.place}`}>
                <PlaceBadge place={p.place} />
                <span>
                  <strong>{p.prize}</strong>
                  <span className="muted">
                    {" "}
                    · {p.category}: fewer teams were ranked than prizes
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function AwardRow({ award }: { award: PlanAward }) {
  return (
    <li>
      <PlaceBadge place={award.place} />
      <span className="award-what">
        <strong>
          {award.team?.name ?? `Shared by ${award.candidates.map((c) => c.name).join(" and ")}`}
        </strong>
        <span className="muted">
          {award.team?.school ? `${award.team.school} · ` : ""}
          {award.prize}
          {award.sponsor ? `, ${sponsorLine(award.sponsor)}` : ""}
        </span>
      </span>
      {award.revealed ? (
        <span className="badge badge-ok">
          <CheckIcon /> Revealed
        </span>
      ) : (
        <span className="badge badge-wait">
          <EyeOffIcon /> Not revealed yet
        </span>
      )}
    </li>
  );
}
