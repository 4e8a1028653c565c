import { ArrowLeftIcon } from "../../components/Icons";
import { useTitle } from "../../hooks/useTitle";
import { api } from "../../lib/api";
import { setFlash } from "../../lib/flash";
import { Link, navigate } from "../../lib/router";
import { EMPTY_EVENT, EventForm } from "./EventForm";

export function NewEventPage() {
  useTitle("Create an event");
  return (
    <div className="page page-medium">
      <Link to="/organize" className="back-link">
        <ArrowLeftIcon /> Your events
      </Link>
      <h1>Create an event</h1>
      <p className="lead">
        Start with the basics. You can change everything except the web address later.
      </p>
      <EventForm
        initial={EMPTY_EVENT}
        mode="create"
        submitLabel="Create event"
        busyLabel="Creating…"
        onSubmit={async (body) => {
          const { event } = await api.send("POST /events", {}, body);
          setFlash(`${event.name} is created. Next, add the categories teams can enter.`);
          navigate(`/organize/${event.slug}/categories`);
        }}
      />
    </div>
  );
}
