/**
 * Certificates in a real browser: a team on a phone (390 px) waits for the ceremony, sees
 * the link to its certificates appear the moment the last award is revealed, and prints its
 * team certificate (A4 portrait) and one per member (A4 landscape), the longest name whole.
 * The organizer prints one team's from its row on the Teams page, and every child's at once.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, events, members } from "../../server/db/schema";
import type { TeamView } from "../../shared/api";
import { buildMember, buildTeam, insertTeam, ORGANIZER } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInAs,
  watchConsole,
} from "./browser";
import { checkIn } from "./eventSetup";
import {
  addPrizes,
  createEventWithBestGame,
  type EventBuild,
  handInProjects,
  lockScoring,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-certificates";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const RESULTS_DIR = path.join(CLIENT_DIR, "..", "..", "test-results");
const LONG = "Maximilian-Alexander Fotheringham-Smythe";
/** A4 in CSS pixels (96 per inch). */
const MM = 96 / 25.4;

let server: TestServer;
let browser: Browser;
let event: EventBuild;
let longNames: { id: string; name: string; contact: { email: string; password: string } };
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

/** Registers a team with the members given, over the API as the sign-up page does. */
async function register(
  build: EventBuild & { categoryId: string },
  name: string,
  people: [string, string][],
) {
  const contact = {
    email: `${name.toLowerCase().replace(/\W+/g, "-")}@example.com`,
    password: "team password",
  };
  const res = await new Client(server.url).post<{ team: TeamView }>(
    `/api/events/${SLUG}/teams`,
    buildTeam(build.categoryId, {
      name,
      contact,
      members: people.map(([firstName, lastName]) =>
        buildMember({ firstName, lastName, school: "Trinity High School" }),
      ),
    }),
  );
  if (res.status !== 201) throw new Error(`team ${name}: ${res.status}`);
  await checkIn(build.organizer, SLUG, res.body.team.id);
  return { id: res.body.team.id, name, contact };
}

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const built = await createEventWithBestGame(server, SLUG);
  await addPrizes(built, { "Best Game": built.categoryId }, [
    ["Best Game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
  ]);
  longNames = await register(built, "Long Names", [
    ["Maximilian-Alexander", "Fotheringham-Smythe"],
    ["Ada", "Lovelace"],
  ]);
  const loop = await register(built, "Loop Troop", [["Alan", "Turing"]]);
  await handInProjects(server, [
    { ...longNames, title: "RevisionBuddy" },
    { ...loop, title: "Recycle Rush" },
  ]);
  event = await startJudging(built);
  const judge = await signInJudge(
    event,
    { name: "Jo Judge", email: "jo@example.com", password: "judge password" },
    [built.categoryId],
  );
  await saveScores(judge, [
    { teamId: longNames.id, marks: [9, 9, 5] },
    { teamId: loop.id, marks: [4, 4, 2] },
  ]);
  await lockScoring(event);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: { width: number; height: number }, phone = false) {
  const context = await browser.newContext({
    viewport,
    locale: "en-GB",
    reducedMotion: "reduce",
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  consoleErrors.push(watchConsole(page));
  return page;
}

const signIn = (page: Page, credentials: { email: string; password: string }, next: string) =>
  signInAs(page, server.url, credentials, next);

/** In print: each certificate's box in mm, and whether its name fits inside its frame. */
async function printedCards(page: Page) {
  return page.locator(".cert-card").evaluateAll(
    (cards, mm) =>
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        const frame = card.querySelector(".cert-frame")!.getBoundingClientRect();
        const name = card.querySelector<HTMLElement>(".cert-child-name, .cert-names")!;
        const named = name.getBoundingClientRect();
        return {
          child: card.classList.contains("cert-card-child"),
          width: Math.round(box.width / mm),
          height: Math.round(box.height / mm),
          name: name.textContent,
          nameInside:
            name.scrollWidth <= name.clientWidth &&
            named.left >= frame.left &&
            named.right <= frame.right &&
            named.bottom <= frame.bottom,
          // Nothing in the frame is pushed past its bottom edge.
          frameFits: card.querySelector(".cert-frame")!.scrollHeight <= frame.height + 1,
        };
      }),
    MM,
  );
}

describe("certificates", () => {
  let team: Page;

  it("tells a team its certificates are ready after the ceremony", async () => {
    team = await open(PHONE, true);
    await signIn(team, longNames.contact, "/team/certificates");
    await team.getByText("Your certificates are ready after the prize ceremony").waitFor();
    expect(await team.locator(".cert-card").count()).toBe(0);
    await expectNoAxeViolations(team, "team certificates before the ceremony");
    await screenshot(team, "team-certificates-waiting-phone");
    await team.getByRole("link", { name: "Your team" }).click();
    await team.waitForURL(`${server.url}/team`);
    await team.getByRole("heading", { level: 1, name: "Long Names" }).waitFor();
    expect(await team.getByRole("link", { name: "Print your certificates" }).count()).toBe(0);
  });

  it("shows the team the link the moment the ceremony ends, without a reload", async () => {
    const revealed = await event.organizer.post(`/api/events/${SLUG}/ceremony/next`);
    expect(revealed.status).toBe(200);
    const link = team.getByRole("link", { name: "Print your certificates" });
    await link.waitFor();
    await team.getByRole("heading", { name: "Your prize" }).waitFor();
    await expectNoAxeViolations(team, "team home after the ceremony");
    await expectNoSidewaysScroll(team, "team home after the ceremony");
    await screenshot(team, "team-home-certificates-phone");

    await link.click();
    await team.waitForURL(`${server.url}/team/certificates`);
    await team.getByRole("article", { name: "Winner's certificate for Long Names" }).waitFor();
    await team.getByRole("article", { name: `Certificate for ${LONG}` }).waitFor();
    await team.getByRole("article", { name: "Certificate for Ada Lovelace" }).waitFor();
    // Another team's child is not on this team's sheet.
    expect(await team.locator("main").textContent()).not.toContain("Turing");
    await team.getByRole("button", { name: "Print (3 pages)" }).waitFor();
    await expectNoAxeViolations(team, "team certificates");
    await expectNoSidewaysScroll(team, "team certificates");
    await screenshot(team, "team-certificates-phone");
  });

  it("prints the team's certificate on A4 portrait and each child's on A4 landscape", async () => {
    await team.emulateMedia({ media: "print" });
    expect(await team.locator(".cert-toolbar").first().isVisible()).toBe(false);
    const cards = await printedCards(team);
    expect(cards.map(({ child, width, height }) => ({ child, width, height }))).toEqual([
      { child: false, width: 210, height: 296 },
      { child: true, width: 297, height: 209 },
      { child: true, width: 297, height: 209 },
    ]);
    expect(cards.filter((c) => c.child).map((c) => c.name)).toContain(LONG);
    for (const card of cards) {
      expect([card.name, card.nameInside]).toEqual([card.name, true]);
      expect([card.name, card.frameFits]).toEqual([card.name, true]);
    }
    const pdf = (await team.pdf({ preferCSSPageSize: true, printBackground: true })).toString(
      "latin1",
    );
    await team.emulateMedia({ media: null });
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(3);
    // A4 is 595 × 842 points: the team's page upright, then the children's on their side.
    const boxes = (pdf.match(/\/MediaBox \[[^\]]*\]/g) ?? []).map((b) =>
      b
        .replace(/[^\d. ]/g, "")
        .trim()
        .split(/\s+/)
        .slice(2)
        .map((n) => Math.round(Number(n))),
    );
    expect(boxes.sort()).toEqual(
      [
        [595, 842],
        [842, 595],
        [842, 595],
      ].sort(),
    );
  });

  it("prints one team's from its row, and every child's at once, for the organizer", async () => {
    const page = await open(LAPTOP);
    await signIn(page, ORGANIZER, `/organize/${SLUG}/teams`);
    await page.getByRole("link", { name: "Certificates of Long Names" }).click();
    await page.waitForURL(`${server.url}/organize/${SLUG}/certificates?team=${longNames.id}`);
    await expect.poll(() => page.locator(".cert-card").count()).toBe(3);
    await page.getByRole("button", { name: "Print Long Names (3 pages)" }).waitFor();

    await page.getByLabel("Teams").selectOption({ label: "Every team (2)" });
    // The whole event prints a certificate for each child: three children came.
    await expect.poll(() => page.locator(".cert-card").count()).toBe(3);
    expect(await page.locator(".cert-card-child").count()).toBe(3);
    await page.getByRole("article", { name: "Certificate for Alan Turing" }).waitFor();
    await expectNoAxeViolations(page, "organizer certificates");
    await screenshot(page, "certificates-children-screen");
    await page.emulateMedia({ media: "print" });
    const cards = await printedCards(page);
    expect(cards.every((c) => c.child && c.width === 297 && c.nameInside && c.frameFits)).toBe(
      true,
    );
    const long = page.getByRole("article", { name: `Certificate for ${LONG}` });
    await long.scrollIntoViewIfNeeded();
    await long.screenshot({ path: path.join(RESULTS_DIR, "certificate-child-print.png") });
    // The controls are not on paper: choose on screen, then look at the paper again.
    await page.emulateMedia({ media: null });
    await page.getByLabel("Team certificates").check();
    await page.emulateMedia({ media: "print" });
    const teamCard = page.getByRole("article", { name: "Winner's certificate for Long Names" });
    await teamCard.scrollIntoViewIfNeeded();
    await teamCard.screenshot({ path: path.join(RESULTS_DIR, "certificate-team-print.png") });
    await page.emulateMedia({ media: null });
  });

  it("offers the certificates of a team that came in part, for the members who came", async () => {
    const db = server.database.db;
    const [row] = await db.select().from(events).where(eq(events.slug, SLUG));
    const half = await insertTeam(db, {
      eventId: row!.id,
      categoryId: (await db.select().from(categories).where(eq(categories.eventId, row!.id)))[0]!
        .id,
      name: "Half Here",
      checkedInAt: null,
      members: [{ firstName: "Grace" }, { firstName: "Tim" }],
    });
    await db
      .update(members)
      .set({ arrivedAt: new Date(), inSince: new Date() })
      .where(eq(members.id, half.members[0]!.id));
    const page = await open(LAPTOP);
    await signIn(page, ORGANIZER, `/organize/${SLUG}/teams`);
    await page.getByRole("link", { name: "Certificates of Half Here" }).click();
    await page.waitForURL(`${server.url}/organize/${SLUG}/certificates?team=${half.id}`);
    // Grace came and Tim did not: one child's certificate.
    await page.getByRole("article", { name: /Certificate for Grace/ }).waitFor();
    expect(await page.locator(".cert-card-child").count()).toBe(1);
    // The team is not in for judging, so there is no check-in to undo: the two teams that
    // are in have one each, Half Here none.
    await page.goBack();
    await page.getByRole("link", { name: "Certificates of Half Here" }).waitFor();
    expect(await page.getByRole("link", { name: /^Certificates of/ }).count()).toBe(3);
    expect(await page.getByRole("button", { name: "Undo check-in" }).count()).toBe(2);
  });

  it("logged no console errors or CSP refusals", async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors.flat()).toEqual([]);
  });
});
