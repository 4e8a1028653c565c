import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import { createLogger } from "../../server/lib/logger";
import { createMailer } from "../../server/lib/mailer";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  signInOrganizer,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

const CHILD = {
  firstName: "Ada",
  lastName: "Quillfeather",
  dateOfBirth: "2011-06-15",
  school: "Trinity High School",
  guardian: {
    name: "Pat Quillfeather",
    email: "pat.quillfeather@example.com",
    phone: "07700 900123",
  },
  medical: "Asthma inhaler in the blue bag",
};
const PERSONAL =
  /Quillfeather|2011-06-15|pat\.quillfeather|07700 900123|Asthma|\$argon2|team password/;

let server: TestServer;
let categoryId: string;
let organizer: Client;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(DURING_REGISTRATION);
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug: "hmj-2026", ...EVENT_TIMES }));
  const cat = await organizer.post<{ category: { id: string } }>(
    "/api/events/hmj-2026/categories",
    buildCategory(),
  );
  categoryId = cat.body.category.id;
});

async function stored() {
  const [row] = rowsOf<{ teams: number; members: number; users: number; outbox: number }>(
    await server.database.db.execute(sql`SELECT (SELECT count(*)::int FROM teams) AS teams,
      (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM outbox) AS outbox`),
  );
  return row;
}

describe("a NUL in a sign-up's text", () => {
  it.each([
    ["name", { name: "Pixel\u0000Pandas" }],
    [
      "members.0.lastName",
      { members: [buildMember({ ...CHILD, lastName: "Quill\u0000feather" })] },
    ],
    ["members.0.medical", { members: [buildMember({ ...CHILD, medical: "Asthma\u0000" })] }],
    [
      "members.0.guardian.name",
      { members: [buildMember({ ...CHILD, guardian: { ...CHILD.guardian, name: "Pat\u0000" } })] },
    ],
  ])(
    "is refused at %s with 400 and a field error, stores nothing and logs nothing personal",
    async (path, override) => {
      const before = await stored();
      const res = await new Client(server.url).post(
        "/api/events/hmj-2026/teams",
        buildTeam(categoryId, { members: [buildMember(CHILD)], ...override }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: "/problems/validation", errors: [{ path }] });
      expect(await stored()).toEqual(before);
      expect(server.logs().join("\n")).not.toMatch(PERSONAL);
      expect(JSON.stringify(res.body)).not.toMatch(PERSONAL);
    },
  );
});

describe("team sign-up and other people's emails", () => {
  it("answers an organizer's or a judge's email exactly as another team's, without naming the role", async () => {
    await organizer.post("/api/events/hmj-2026/judges", {
      name: "Jo",
      email: "judge@example.com",
      schools: [],
      categoryIds: [categoryId],
    });
    await new Client(server.url).post(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, {
        contact: { email: "teacher@example.com", password: "team password" },
      }),
    );
    const answers = [];
    for (const email of ["organizer@example.com", "judge@example.com", "teacher@example.com"]) {
      const res = await new Client(server.url).post(
        "/api/events/hmj-2026/teams",
        buildTeam(categoryId, { name: "Same Team", contact: { email, password: "team password" } }),
      );
      answers.push({ status: res.status, body: res.body });
    }
    expect(answers[0]!.status).toBe(409);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(JSON.stringify(answers[0])).not.toMatch(/organi[sz]er|judge/i);
  });
});

describe("team names that look the same", () => {
  it.each([
    ["Cyrillic look-alikes", "\u0420\u0456xel Pandas"],
    ["an invisible space", "Pixel Pan\u200Bdas"],
    ["a right-to-left override", "Pixel \u202EPandas"],
    ["other capitals and spaces", "PIXEL   pandas"],
  ])("refuses %s beside Pixel Pandas with 409 team-name-taken", async (_label, name) => {
    const first = await new Client(server.url).post(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, { name: "Pixel Pandas" }),
    );
    expect(first.status).toBe(201);
    const res = await new Client(server.url).post(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, { name }),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/team-name-taken" });
    const names = rowsOf<{ name: string }>(
      await server.database.db.execute(sql`SELECT name FROM teams`),
    );
    expect(names).toEqual([{ name: "Pixel Pandas" }]);
  });

  it("stores a name without its direction overrides", async () => {
    const res = await new Client(server.url).post<{ team: { name: string } }>(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, { name: "Byte \u202EClub" }),
    );
    expect(res.body.team.name).toBe("Byte Club");
  });
});

describe("exports", () => {
  it("quote every roster cell, so ; and tab separated spreadsheets read no formula, and keep phones readable", async () => {
    await new Client(server.url).post(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, {
        name: "Pixel;=1+1",
        members: [
          buildMember({
            ...CHILD,
            guardian: { ...CHILD.guardian, phone: "+44 7700 900123" },
            dietary: "nuts\t=cmd|' /C calc'!A0",
          }),
        ],
      }),
    );
    const roster = await organizer.get<string>("/api/events/hmj-2026/exports/roster.csv");
    expect(roster.body).toContain('"Pixel;=1+1"');
    expect(roster.body).toContain('"\'+44 7700 900123"');
    const notes = await organizer.get<string>("/api/events/hmj-2026/exports/dietary-medical.csv");
    expect(notes.body).toContain("\"nuts\t=cmd|' /C calc'!A0\"");
  });
});

describe("the mailer", () => {
  it("logs a sent email without its subject (which names the child) or its recipient", async () => {
    // A mail server that accepts everything, enough for nodemailer.
    const smtp = createServer((socket: Socket) => {
      let data = false;
      socket.write("220 localhost ESMTP\r\n");
      socket.on("data", (chunk) => {
        for (const line of chunk.toString().split("\r\n").filter(Boolean)) {
          if (data) {
            if (line === ".") {
              data = false;
              socket.write("250 2.0.0 queued\r\n");
            }
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 localhost\r\n");
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write("354 go ahead\r\n");
          } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
          else socket.write("250 ok\r\n");
        }
      });
    });
    smtp.listen(0, "127.0.0.1");
    await once(smtp, "listening");
    const { port } = smtp.address() as { port: number };
    const lines: string[] = [];
    const logger = createLogger("info", { write: (l) => lines.push(l) });
    const mailer = await createMailer(`smtp://127.0.0.1:${port}`, "hmj@example.org", logger);
    await mailer.send({
      to: CHILD.guardian.email,
      subject: `Please give consent for ${CHILD.firstName} Quillfeather to take part`,
      text: "Hello",
    });
    smtp.close();
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["email sent"]);
    expect(lines.join("")).not.toMatch(/Quillfeather|Ada|pat\./);
  });
});
