/** Which address the app's links and QR codes use, and a way to choose another of its own. */
import { type FormEvent, useState } from "react";
import { Field } from "../../components/Field";
import { ErrorState, Loading, Notice } from "../../components/States";
import { useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { api, endpoint } from "../../lib/api";

export function LinkAddress({ what }: { what: string }) {
  const links = useQuery(endpoint("/settings/links"));
  const [choosing, setChoosing] = useState<string | null>(null);
  const save = useMutation((base: string) => api.send("PUT /settings/links", {}, { base }), {
    onSuccess: (view) => {
      if (links.status === "ready") links.setData(() => view);
      setChoosing(null);
    },
  });

  if (links.status === "loading") return <Loading label="Checking the address in links…" />;
  if (links.status === "error") return <ErrorState error={links.error} retry={links.reload} />;
  const { base, fixed, choices, phonesCanOpen } = links.data;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (choosing !== null) void save.run(choosing);
  };

  return (
    <section className="card org-link-address" aria-labelledby="link-address-title">
      <h2 id="link-address-title" className="org-link-address-title">
        Address in links
      </h2>
      <p>
        {what} start with <code className="org-link-address-base">{base}</code>
        {fixed ? ", set by PUBLIC_URL when the app started." : "."}
      </p>
      {!phonesCanOpen && (
        <Notice tone="warning" title="Phones can't open these links">
          <p>
            This address only works on this computer. Connect it to the venue wifi and restart the
            app, or set PUBLIC_URL, so that judges and guardians can open links on their phones.
          </p>
        </Notice>
      )}
      {!fixed && choices.length > 1 && choosing === null && (
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => setChoosing(base)}>
            Use another address
          </button>
        </div>
      )}
      {choosing !== null && (
        <form className="form" onSubmit={onSubmit} noValidate>
          <Field
            label="Address for new links"
            hint="The addresses this computer has. Phones on the venue wifi need one that starts with the wifi's numbers, not localhost."
            error={save.message}
          >
            {(a) => (
              <select
                {...a}
                className="input"
                value={choosing}
                onChange={(e) => setChoosing(e.target.value)}
              >
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.busy}>
              {save.busy ? "Saving…" : "Save address"}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={save.busy}
              onClick={() => {
                setChoosing(null);
                save.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
