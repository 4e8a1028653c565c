/**
 * A guardian's consent link (phone first, plain and calm): what taking part means, what is
 * collected, who sees it and for how long, then a yes or no, and a separate photo choice that
 * stays "no" unless they choose otherwise.
 */
import { useState } from "react";
import type { ConsentRequestView, ConsentStatus } from "../../shared/api";
import { ConsentAnswerSchema } from "../../shared/schemas/team";
import { Field, FormError } from "../components/Field";
import { CalendarIcon, CheckIcon, InfoIcon, PinIcon } from "../components/Icons";
import { ErrorState, Loading, Notice } from "../components/States";
import { useFormSubmit } from "../hooks/useMutation";
import { useQuery } from "../hooks/useQuery";
import { useTitle } from "../hooks/useTitle";
import { api, endpoint } from "../lib/api";
import { dateRange } from "../lib/format";
import "../styles/choices.css";
import "./consent.css";

export function ConsentPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? "";
  const resource = useQuery(endpoint("/consent/{token}", { token }));
  const [answered, setAnswered] = useState<{ status: ConsentStatus; photo: boolean } | null>(null);
  useTitle("Consent");

  if (resource.status === "loading") return <Loading />;
  if (resource.status === "error")
    return (
      <div className="page page-narrow consent">
        {resource.error.status === 404 ? (
          <div className="card">
            <h1>This link isn't working</h1>
            <p>{resource.error.detail}</p>
            <p>
              Check that the whole link was copied. If a new link was sent to you since, use that
              one. If it still doesn't work, ask the organizers for a new link.
            </p>
          </div>
        ) : (
          <ErrorState error={resource.error} retry={resource.reload} />
        )}
      </div>
    );

  const { consent } = resource.data;
  if (answered) return <ThankYou consent={consent} {...answered} />;
  if (!consent.canAnswer)
    return (
      <div className="page page-narrow consent">
        <div className="card">
          <h1>You have already answered</h1>
          <p>
            An answer for {consent.firstName} has already been recorded:{" "}
            <strong>{answerWords(consent)}</strong>.
          </p>
          <p>To change it, please contact the organizers of {consent.eventName}.</p>
          <OrganizerContact consent={consent} />
        </div>
      </div>
    );

  return (
    <div className="page page-narrow consent">
      <p className="eyebrow">{consent.eventName}</p>
      <h1>
        Consent for {consent.firstName} to take part in {consent.eventName}
      </h1>
      <p className="event-facts consent-facts">
        <span>
          <CalendarIcon /> {dateRange(consent.startsAt, consent.endsAt, consent.timezone)}
        </span>
        <span>
          <PinIcon /> {consent.venue}
        </span>
      </p>
      <p className="lead">
        {consent.firstName} has been signed up in the team "{consent.teamName}". As their parent or
        guardian, please read this and tell us whether they can take part.
      </p>
      {consent.status !== "awaiting" && (
        <Notice>
          <p>
            The organizers asked you again. Your earlier answer was{" "}
            <strong>{answerWords(consent)}</strong>. It stands until you send a new answer below.
          </p>
        </Notice>
      )}

      <section className="card consent-info" aria-labelledby="covers">
        <h2 id="covers">What you are agreeing to</h2>
        <ul>
          {consent.covers.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2 id="collected">What we keep about {consent.firstName}</h2>
        <ul aria-labelledby="collected">
          {consent.dataCollected.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2>Who sees it</h2>
        <p>{consent.whoSees}</p>
        <h2>How long we keep it</h2>
        <p>{consent.retention}</p>
      </section>

      <ConsentForm
        token={token}
        consent={consent}
        onAnswered={(status, photo) => {
          setAnswered({ status, photo });
          window.scrollTo(0, 0);
        }}
        onAlreadyAnswered={resource.reload}
      />
    </div>
  );
}

function ConsentForm({
  token,
  consent,
  onAnswered,
  onAlreadyAnswered,
}: {
  token: string;
  consent: ConsentRequestView;
  onAnswered: (status: ConsentStatus, photo: boolean) => void;
  onAlreadyAnswered: () => void;
}) {
  const [guardianName, setGuardianName] = useState("");
  const [takePart, setTakePart] = useState<boolean | null>(null);
  // Photos are a separate choice, and "no" until the guardian says otherwise.
  const [photos, setPhotos] = useState(false);
  const name = consent.firstName;

  const form = useFormSubmit({
    parse: () => {
      const parsed = ConsentAnswerSchema.safeParse({
        guardianName,
        consent: takePart ?? undefined,
        photoConsent: takePart === true && photos,
      });
      if (parsed.success || takePart !== null) return parsed;
      // No choice made yet: say so in words about this child, before the schema's message.
      const unchosen = { path: ["consent"], message: `Choose yes or no for ${name} taking part.` };
      return { success: false, error: { issues: [unchosen, ...parsed.error.issues] } };
    },
    // The server's problems about the answer are said in the form's message.
    fields: [],
    send: (body) => api.send("POST /consent/{token}", { token }, body),
    onSuccess: (answer) => onAnswered(answer.status, answer.photoConsent),
    onError: (error) => {
      if (error.slug !== "consent-recorded") return false;
      onAlreadyAnswered();
      return true;
    },
  });
  const { formRef, errors, formError, busy } = form;
  const submit = form.onSubmit;

  return (
    <form ref={formRef} className="card form consent-form" onSubmit={submit} noValidate>
      <h2>Your answer</h2>
      <FormError message={formError} />
      <Field label="Your full name" error={errors.guardianName}>
        {(a) => (
          <input
            {...a}
            className="input"
            autoComplete="name"
            value={guardianName}
            onChange={(e) => setGuardianName(e.target.value)}
          />
        )}
      </Field>

      <fieldset
        className="fieldset consent-choice"
        aria-describedby={errors.consent ? "consent-error" : undefined}
      >
        <legend>Can {name} take part?</legend>
        <div className="consent-options">
          <label className={`choice-card${takePart === true ? " is-chosen" : ""}`}>
            <input
              type="radio"
              name="consent"
              checked={takePart === true}
              aria-invalid={Boolean(errors.consent)}
              onChange={() => setTakePart(true)}
            />
            <span className="choice-card-title">Yes, {name} can take part</span>
          </label>
          <label className={`choice-card${takePart === false ? " is-chosen" : ""}`}>
            <input
              type="radio"
              name="consent"
              checked={takePart === false}
              aria-invalid={Boolean(errors.consent)}
              onChange={() => setTakePart(false)}
            />
            <span className="choice-card-title">No, {name} can't take part</span>
          </label>
        </div>
        {errors.consent && (
          <p className="field-error" id="consent-error">
            {errors.consent}
          </p>
        )}
      </fieldset>

      {takePart !== false && (
        <fieldset className="fieldset consent-choice">
          <legend>Photos and video of {name}</legend>
          <p className="fieldset-intro">
            A separate choice. Organizers may take photos and video at the event to share
            afterwards. If you say no, we make sure {name} isn't in them.
          </p>
          <div className="consent-options">
            <label className={`choice-card${!photos ? " is-chosen" : ""}`}>
              <input
                type="radio"
                name="photos"
                checked={!photos}
                onChange={() => setPhotos(false)}
              />
              <span className="choice-card-title">No photos of {name}</span>
            </label>
            <label className={`choice-card${photos ? " is-chosen" : ""}`}>
              <input type="radio" name="photos" checked={photos} onChange={() => setPhotos(true)} />
              <span className="choice-card-title">Yes, photos and video are fine</span>
            </label>
          </div>
        </fieldset>
      )}

      <button type="submit" className="btn btn-primary btn-large btn-block" disabled={busy}>
        {busy ? "Sending…" : "Send my answer"}
      </button>
      <p className="small muted consent-footnote">
        <InfoIcon /> You can answer only once with this link. To change your answer later, contact
        the organizers.
      </p>
      <OrganizerContact consent={consent} />
    </form>
  );
}

function ThankYou({
  consent,
  status,
  photo,
}: {
  consent: ConsentRequestView;
  status: ConsentStatus;
  photo: boolean;
}) {
  const name = consent.firstName;
  return (
    <div className="page page-narrow consent">
      <div className="card consent-thanks" role="status">
        <CheckIcon className="state-icon" />
        <h1>Thank you</h1>
        {status === "given" ? (
          <>
            <p>
              We've recorded that <strong>{name} can take part</strong> in {consent.eventName}
              {photo ? ", and that photos and video are fine." : ", with no photos or video."}
            </p>
            <p>
              The team "{consent.teamName}" will see that you've said yes. There's nothing more to
              do.
            </p>
          </>
        ) : (
          <>
            <p>
              We've recorded that <strong>{name} won't take part</strong> in {consent.eventName}.
            </p>
            <Notice>
              <p>
                The team will see that you said no. If this was a mistake, or you change your mind,
                please contact the organizers: they can record your new answer.
              </p>
              <OrganizerContact consent={consent} />
            </Notice>
          </>
        )}
        <p className="small muted">You can close this page now.</p>
      </div>
    </div>
  );
}

/** The answer recorded, in words: "yes to taking part, and no photos". */
function answerWords(consent: ConsentRequestView): string {
  if (consent.status === "refused") return "no, not taking part";
  return `yes to taking part, ${consent.photoConsent ? "and yes to photos" : "and no photos"}`;
}

/** How to reach the organizers, as they set it on the event; nothing when they set none. */
function OrganizerContact({ consent }: { consent: ConsentRequestView }) {
  const { email, phone } = consent.contact;
  if (!email && !phone) return null;
  return (
    <p className="consent-contact">
      Contact the organizers:{" "}
      {email && (
        <a className="consent-contact-link" href={`mailto:${email}`}>
          {email}
        </a>
      )}
      {email && phone && " or "}
      {phone && (
        <a className="consent-contact-link" href={`tel:${phone.replace(/[^0-9+]/g, "")}`}>
          {phone}
        </a>
      )}
    </p>
  );
}
