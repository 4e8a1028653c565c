/** The frame of every page: skip link, header with the product name and sign-in state, main. */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { AREA_NAME, HOME_FOR, useSession } from "../hooks/useSession";
import { messageOf } from "../lib/api";
import { Link, navigate, useLocation } from "../lib/router";
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

  const onSignOut = async () => {
    setError(null);
    try {
      await signOut();
      navigate("/");
    } catch (e) {
      setError(messageOf(e));
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
              <button type="button" className="btn btn-on-brand" onClick={onSignOut}>
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
      {error && (
        <p className="header-error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
