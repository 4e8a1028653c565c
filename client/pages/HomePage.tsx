import { ArrowRightIcon, GavelIcon, TrophyIcon, UsersIcon } from "../components/Icons";
import { AREA_NAME, HOME_FOR, useSession } from "../hooks/useSession";
import { useTitle } from "../hooks/useTitle";
import { Link } from "../lib/router";

export function HomePage() {
  useTitle("");
  const { user } = useSession();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero-inner">
          <p className="eyebrow">For coders aged 18 and under</p>
          <h1 id="hero-title">Two days. One team. Build something brilliant.</h1>
          <p className="hero-lead">
            Hack Manchester Junior is a coding competition where teams of up to 4 have two days to
            turn an idea into a working project, then show it to the judges.
          </p>
          <div className="actions">
            {user ? (
              <Link className="btn btn-light btn-large" to={HOME_FOR[user.role]}>
                Go to {AREA_NAME[user.role].toLowerCase()}
                <ArrowRightIcon />
              </Link>
            ) : (
              <Link className="btn btn-light btn-large" to="/signin">
                Sign in
                <ArrowRightIcon />
              </Link>
            )}
          </div>
          {!user && (
            <p className="hero-note">
              Signing in is for organizers, judges and teams that have signed up.
            </p>
          )}
        </div>
      </section>
      <div className="page">
        <ul className="feature-grid">
          <li className="feature">
            <UsersIcon className="feature-icon" />
            <h2>Teams</h2>
            <p>
              Sign up as a team of up to 4. Your organizer will send you the link to your event's
              page.
            </p>
          </li>
          <li className="feature">
            <GavelIcon className="feature-icon" />
            <h2>Judges</h2>
            <p>
              Score each project on your phone. Your invite link lets you set a password and get
              started.
            </p>
          </li>
          <li className="feature">
            <TrophyIcon className="feature-icon" />
            <h2>Prizes</h2>
            <p>Winners are revealed on the big screen at the closing ceremony.</p>
          </li>
        </ul>
      </div>
    </>
  );
}
