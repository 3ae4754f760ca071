import { Link } from "react-router";

import { PageHeading } from "../ui/PageHeading";

export function NotFound() {
  return (
    <section className="page page--narrow">
      <PageHeading title="Page not found" />
      <p>There is no page at this address.</p>
      <Link to="/">Go to the feed</Link>
    </section>
  );
}
