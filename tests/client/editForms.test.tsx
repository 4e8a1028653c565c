// @vitest-environment jsdom
/**
 * The organizer's edit forms for a category, a prize and a judge, against a server that
 * answers when the test says: each sends the version it shows, puts a refusal beside the
 * field it is about, and after "someone else changed this" shows the row as it is now and
 * sends that version next.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CategoryForm } from "../../client/pages/organize/CategoryForm";
import { JudgeForm } from "../../client/pages/organize/JudgeForm";
import { PrizeEditForm } from "../../client/pages/organize/PrizeEditForm";
import type { CategoryView, JudgeView, PrizeView } from "../../shared/api";

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const CATEGORY: CategoryView = {
  id: ID(1),
  name: "Best Game",
  description: null,
  singleSchool: false,
  tieBreakCriterion: null,
  version: 3,
  criteria: [
    { id: ID(2), name: "Innovation", description: null, weight: 3, maxScore: 10 },
    { id: ID(3), name: "Technical", description: "How well built", weight: 2, maxScore: 10 },
    { id: ID(4), name: "Presentation", description: null, weight: 1, maxScore: 5 },
  ],
};
const PRIZE: PrizeView = {
  id: ID(5),
  categoryId: ID(1),
  place: 1,
  title: "Aqua Zorbing",
  sponsor: "Aqua",
  version: 1,
};
const JUDGE: JudgeView = {
  id: ID(6),
  name: "Ada",
  email: "ada@example.com",
  schools: ["Oak School"],
  categoryIds: [ID(1)],
  accepted: true,
  version: 2,
};

interface Call {
  method: string;
  path: string;
  body: Record<string, unknown>;
  answer: (status: number, body: unknown) => void;
}

/** Stands in for the server: each request waits until the test answers it. */
function server() {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    (url: string, init: RequestInit) =>
      new Promise<Response>((resolve) => {
        calls.push({
          method: init.method ?? "GET",
          path: url,
          body: JSON.parse(String(init.body)),
          answer: (status, body) =>
            resolve(
              new Response(JSON.stringify(body), {
                status,
                headers: {
                  "content-type": status >= 400 ? "application/problem+json" : "application/json",
                },
              }),
            ),
        });
      }),
  );
  return calls;
}

const problem = (slug: string, status: number, extra: Record<string, unknown> = {}) => ({
  type: `/problems/${slug}`,
  title: slug,
  status,
  detail: `The server said ${slug}.`,
  ...extra,
});

async function answer(call: Call | undefined, status: number, body: unknown) {
  await act(async () => call!.answer(status, body));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the category edit form", () => {
  it("sends the version, criteria ids in their new order, and shows a refusal beside the weight", async () => {
    const calls = server();
    render(<CategoryForm slug="hmj" category={CATEGORY} onSaved={vi.fn()} />);
    // Opening the form moves focus to its title, where the Edit button was.
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Edit Best Game" }));
    fireEvent.click(screen.getByRole("button", { name: "Move Presentation up" }));
    const first = within(screen.getByRole("group", { name: "Criterion 1" }));
    fireEvent.change(first.getByLabelText(/Weight/), { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: "PUT", path: `/api/events/hmj/categories/${ID(1)}` });
    expect(calls[0]!.body.version).toBe(3);
    const sent = calls[0]!.body.criteria as { id: string; weight: number; description?: string }[];
    expect(sent.map((c) => c.id)).toEqual([ID(2), ID(4), ID(3)]);
    expect(sent[0]!.weight).toBe(5);
    expect(sent[2]!.description).toBe("How well built");

    await answer(
      calls[0],
      409,
      problem("category-scored", 409, {
        errors: [{ path: "criteria.0.weight", message: "Judges have scored with this already." }],
      }),
    );
    const weight = first.getByLabelText(/Weight/);
    expect(weight.getAttribute("aria-invalid")).toBe("true");
    expect(first.getByText("Judges have scored with this already.")).toBeTruthy();
    expect(screen.getByText("The server said category-scored.")).toBeTruthy();
  });

  it("after someone else's change, shows the category as it is now and sends that version", async () => {
    const calls = server();
    const onRefreshed = vi.fn();
    render(
      <CategoryForm slug="hmj" category={CATEGORY} onSaved={vi.fn()} onRefreshed={onRefreshed} />,
    );
    fireEvent.change(screen.getByLabelText(/Category name/), { target: { value: "Mine" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const now = { ...CATEGORY, name: "Best Game Ever", version: 4 };
    await answer(calls[0], 409, problem("row-changed", 409, { current: now }));
    expect(onRefreshed).toHaveBeenCalledWith(now);
    expect((screen.getByLabelText(/Category name/) as HTMLInputElement).value).toBe(
      "Best Game Ever",
    );
    expect(screen.getByText(/Someone else changed this category/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toMatchObject({ version: 4, name: "Best Game Ever" });
  });
});

describe("the prize edit form", () => {
  it("clears the sponsor with null and reloads after someone else's change", async () => {
    const calls = server();
    const onSaved = vi.fn();
    render(
      <PrizeEditForm
        slug="hmj"
        prize={PRIZE}
        categories={[{ id: ID(1), name: "Best Game" }]}
        prizes={[PRIZE]}
        onSaved={onSaved}
        onRefreshed={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.change(screen.getByLabelText(/Sponsor/), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the prize" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      method: "PATCH",
      body: { version: 1, sponsor: null, title: "Aqua Zorbing", place: 1 },
    });
    const now = { ...PRIZE, title: "Zorbing day", version: 2 };
    await answer(calls[0], 409, problem("row-changed", 409, { current: now }));
    expect((screen.getByLabelText(/^Prize/) as HTMLInputElement).value).toBe("Zorbing day");
    expect(screen.getByText(/Someone else changed this prize/)).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Save the prize" }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body.version).toBe(2);
    await answer(calls[1], 200, { prize: { ...now, version: 3 } });
    expect(onSaved).toHaveBeenCalledWith({ ...now, version: 3 });
  });
});

describe("the judge edit form", () => {
  it("sends the version with the categories ticked, and puts email-taken beside the email", async () => {
    const calls = server();
    const onSaved = vi.fn();
    render(
      <JudgeForm
        slug="hmj"
        judge={JUDGE}
        categories={[
          { id: ID(1), name: "Best Game" },
          { id: ID(7), name: "Best App" },
        ]}
        onSaved={onSaved}
      />,
    );
    fireEvent.click(screen.getByLabelText("Best App"));
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: "bob@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      method: "PUT",
      path: `/api/events/hmj/judges/${ID(6)}`,
      body: {
        version: 2,
        name: "Ada",
        email: "bob@example.com",
        schools: ["Oak School"],
        categoryIds: [ID(1), ID(7)],
      },
    });
    await answer(
      calls[0],
      409,
      problem("email-taken", 409, {
        errors: [{ path: "email", message: "This email already has an account." }],
      }),
    );
    expect(screen.getByLabelText(/^Email/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("This email already has an account.")).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
