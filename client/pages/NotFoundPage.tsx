import { useTitle } from "../hooks/useTitle";
import { Link } from "../lib/router";

export function NotFoundPage() {
  useTitle("Page not found");
  return (
    <div className="page page-narrow">
      <h1>We can't find that page</h1>
      <p>The link may be wrong or old. Check it, or start again from the home page.</p>
      <p>
        <Link className="btn btn-primary" to="/">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
