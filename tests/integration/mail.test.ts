import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mail, Mailer } from "../../server/lib/mailer";
import type { OutboxView, TeamView } from "../../shared/api";
import { buildCategory, buildEvent, buildTeam, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const sent: Mail[] = [];
let failNext = false;
/** Stands in for the SMTP transport that SMTP_URL configures. */
const mailer: Mailer = {
  enabled: true,
  async send(mail) {
    if (failNext) {
      failNext = false;
      throw new Error("SMTP server said no");
    }
    sent.push(mail);
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ mailer, publicUrl: "https://hmj.example.org" });
});
afterAll(() => server.close());

describe("guardian consent emails with SMTP configured", () => {
  it("emails each guardian their consent link and marks it sent; a failure stays in the outbox with its error", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    await organizer.post("/api/events", buildEvent({ slug: "mail-test" }));
    const cat = await organizer.post<{ category: { id: string } }>(
      "/api/events/mail-test/categories",
      buildCategory(),
    );
    failNext = true;
    const body = buildTeam(cat.body.category.id);
    const res = await new Client(server.url).post<{ team: TeamView }>(
      "/api/events/mail-test/teams",
      body,
    );
    expect(res.status).toBe(201);
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.subject).toMatch(/consent/);
    const outbox = await organizer.get<{
      mailEnabled: boolean;
      messages: OutboxView[];
    }>("/api/events/mail-test/outbox");
    expect(outbox.body.mailEnabled).toBe(true);
    const delivered = outbox.body.messages.filter((m) => m.sentAt !== null);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.status).toBe("sent");
    expect(delivered[0]!.consent!.link).toMatch(/^https:\/\/hmj\.example\.org\/consent\//);
    expect(sent[0]!.text).toContain(delivered[0]!.consent!.link);
    const failed = outbox.body.messages.filter((m) => m.error === "SMTP server said no");
    expect(failed.map((m) => m.status)).toEqual(["failed"]);
    // The email holds no date of birth, and the team's answer holds no link.
    expect(sent[0]!.text).not.toContain(body.members[0]!.dateOfBirth);
    expect(JSON.stringify(res.body)).not.toMatch(/\/consent\//);
  });
});
