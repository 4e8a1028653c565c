/** Routes: each area is its own chunk, so organizer pages never load for a judge or the public. */
import { type ComponentType, lazy, Suspense } from "react";
import type { PagePath } from "../shared/paths";
import { Layout } from "./components/Layout";
import { Loading } from "./components/States";
import { SessionProvider } from "./hooks/useSession";
import { matchPath, useLocation } from "./lib/router";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";

type Params = Record<string, string>;

type Page = ComponentType<{ params: Params }>;

/** React.lazy for a module's named export (the code base uses named exports only). */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => Page) {
  return lazy(async () => ({ default: pick(await load()) }));
}

const SignInPage = lazyPage(
  () => import("./pages/SignInPage"),
  (m) => m.SignInPage,
);
const SetupPage = lazyPage(
  () => import("./pages/SetupPage"),
  (m) => m.SetupPage,
);
const InvitePage = lazyPage(
  () => import("./pages/InvitePage"),
  (m) => m.InvitePage,
);
const ResetPage = lazyPage(
  () => import("./pages/ResetPage"),
  (m) => m.ResetPage,
);
const ForgotPage = lazyPage(
  () => import("./pages/ForgotPage"),
  (m) => m.ForgotPage,
);
const JudgeArea = lazyPage(
  () => import("./pages/judge/JudgeArea"),
  (m) => m.JudgeArea,
);
const SubmissionPage = lazyPage(
  () => import("./pages/submission/SubmissionPage"),
  (m) => m.SubmissionPage,
);
const TeamHomePage = lazyPage(
  () => import("./pages/TeamHomePage"),
  (m) => m.TeamHomePage,
);
const TeacherPage = lazyPage(
  () => import("./pages/teacher/TeacherPage"),
  (m) => m.TeacherPage,
);
const TeacherLettersPage = lazyPage(
  () => import("./pages/teacher/TeacherLettersPage"),
  (m) => m.TeacherLettersPage,
);
const TeacherSignUpPage = lazyPage(
  () => import("./pages/teacher/TeacherSignUpPage"),
  (m) => m.TeacherSignUpPage,
);
const PublicEventPage = lazyPage(
  () => import("./pages/PublicEventPage"),
  (m) => m.PublicEventPage,
);
const RegisterPage = lazyPage(
  () => import("./pages/register/RegisterPage"),
  (m) => m.RegisterPage,
);
const TeamCertificatesPage = lazyPage(
  () => import("./pages/team/TeamCertificatesPage"),
  (m) => m.TeamCertificatesPage,
);
const ResultsPage = lazyPage(
  () => import("./pages/results/ResultsPage"),
  (m) => m.ResultsPage,
);
const ConsentPage = lazyPage(
  () => import("./pages/ConsentPage"),
  (m) => m.ConsentPage,
);
/** The projector screen: its own small chunk, drawn without the site's header (see App). */
const DisplayPage = lazyPage(
  () => import("./pages/display/DisplayPage"),
  (m) => m.DisplayPage,
);
const OrganizeArea = lazyPage(
  () => import("./pages/organize/OrganizeArea"),
  (m) => m.OrganizeArea,
);

// Each pattern must be one of shared/paths.ts, which tells the server which paths have a page.
const ROUTES: [pattern: PagePath, page: Page][] = [
  ["/", HomePage],
  ["/signin", SignInPage],
  ["/setup", SetupPage],
  ["/invite/:token", InvitePage],
  ["/reset/:token", ResetPage],
  ["/forgot", ForgotPage],
  ["/judge", JudgeArea],
  ["/judge/teams/:teamId", JudgeArea],
  ["/team", TeamHomePage],
  ["/team/submission", SubmissionPage],
  ["/teacher", TeacherPage],
  ["/teacher/letters", TeacherLettersPage],
  ["/team/certificates", TeamCertificatesPage],
  ["/events/:slug", PublicEventPage],
  ["/events/:slug/register", RegisterPage],
  ["/events/:slug/teachers", TeacherSignUpPage],
  ["/events/:slug/results", ResultsPage],
  ["/consent/:token", ConsentPage],
  ["/organize/*", OrganizeArea],
];

function CurrentPage() {
  const { pathname } = useLocation();
  for (const [pattern, Page] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) return <Page params={params} />;
  }
  return <NotFoundPage />;
}

export function App() {
  const { pathname } = useLocation();
  // The projector needs no session and no site chrome: only the display itself.
  const display = matchPath("/display/:slug" satisfies PagePath, pathname);
  if (display)
    return (
      <Suspense fallback={null}>
        <DisplayPage params={display} />
      </Suspense>
    );
  return (
    <SessionProvider>
      <Layout>
        <Suspense fallback={<Loading />}>
          <CurrentPage />
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
