import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mail, Mailer } from "../../server/lib/mailer";
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
    const res = await new Client(server.url).post<{ consentLinks: { url: string }[] }>(
      "/api/events/mail-test/teams",
      body,
    );
    expect(res.status).toBe(201);
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.subject).toMatch(/consent/);
    expect(res.body.consentLinks.some((l) => sent[0]!.text.includes(l.url))).toBe(true);
    expect(res.body.consentLinks[0]!.url).toMatch(/^https:\/\/hmj\.example\.org\/consent\//);
    const outbox = await organizer.get<{
      mailEnabled: boolean;
      messages: { sentAt: string | null; error: string | null }[];
    }>("/api/events/mail-test/outbox");
    expect(outbox.body.mailEnabled).toBe(true);
    expect(outbox.body.messages.filter((m) => m.sentAt !== null)).toHaveLength(1);
    expect(outbox.body.messages.filter((m) => m.error === "SMTP server said no")).toHaveLength(1);
  });
});
