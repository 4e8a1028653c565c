/** The frame of every page: skip link, header with the product name and sign-in state, main. */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { AREA_NAME, HOME_FOR, useSession } from "../hooks/useSession";
import { unsentScores } from "../lib/accountStorage";
import { messageOf } from "../lib/api";
import { Link, navigate, useLocation } from "../lib/router";
import { ConfirmPanel } from "./ConfirmPanel";
import { LogoMark } from "./Icons";

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After moving to another page, start keyboard and screen-reader users at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Header() {
  const { session, user, signOut } = useSession();
  const { pathname } = useLocation();
  const [error, setError] = useState<string | null>(null);
  // Signing out drops a judge's unsent scores from this browser: ask first when there are some.
  const [unsent, setUnsent] = useState(0);
  // Its own busy state rather than useMutation: this header is in every page's first load, the
  // display page's too, whose budget has no room for the write hooks.
  const [busy, setBusy] = useState(false);

  const onSignOut = async (confirmed = false) => {
    setError(null);
    const waiting = user ? unsentScores(user.id) : 0;
    if (waiting > 0 && !confirmed) {
      setUnsent(waiting);
      return;
    }
    setBusy(true);
    try {
      await signOut();
      setUnsent(0);
      navigate("/");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <LogoMark className="brand-mark" />
          <span className="brand-name">
            Hack Manchester <span className="brand-accent">Junior</span>
          </span>
        </Link>
        <nav className="account" aria-label="Account">
          {user ? (
            <>
              <Link to={HOME_FOR[user.role]} className="account-area">
                {AREA_NAME[user.role]}
              </Link>
              <span className="account-name">
                <span className="visually-hidden">Signed in as </span>
                {user.name}
              </span>
              <button
                type="button"
                className="btn btn-on-brand"
                onClick={() => onSignOut()}
                disabled={busy}
              >
                Sign out
              </button>
            </>
          ) : (
            session.status !== "loading" &&
            pathname !== "/signin" && (
              <Link to="/signin" className="btn btn-on-brand">
                Sign in
              </Link>
            )
          )}
        </nav>
      </div>
      {unsent > 0 && (
        <ConfirmPanel
          className="header-confirm"
          legend="Sign out"
          question={`${unsent} ${unsent === 1 ? "score hasn't" : "scores haven't"} reached the server yet. If you sign out now, ${unsent === 1 ? "it is" : "they are"} lost from this phone.`}
          confirm={busy ? "Signing out…" : "Sign out anyway"}
          onConfirm={() => onSignOut(true)}
          danger
          busy={busy}
          cancel="Stay signed in"
          onCancel={() => setUnsent(0)}
          focus="cancel"
        />
      )}
      {error && (
        <p className="header-error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
