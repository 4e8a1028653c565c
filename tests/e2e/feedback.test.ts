/**
 * Judges follow the stage, and teams read their feedback, in real browsers against the real
 * server. With Byte Club on stage, a judge's phone (390×844) shows it first and one tap opens
 * its scoring page; a teacher-judge from Byte Club's school sees the card with no way to score
 * it. The judge writes a shared and an organizers-only criterion comment and an overall one,
 * saves while offline (the comments wait in the phone's storage) and they arrive once. Once
 * scoring is locked the organizer rewords a comment (the judge's words are kept), and after
 * the ceremony releases the category's feedback from the Results section on a laptop; the
 * team's dashboard, open all along, shows only the shared comments, without judge names,
 * ready to print, and drops a comment the organizer then withdraws.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackOverview } from "../../shared/api";
import { ORGANIZER } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  PHONE_CONTEXT,
  screenshot,
  signInAs,
  watchConsole,
  watchConsoleExcept,
} from "./browser";
import {
  addPrizes,
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-feedback";
const EVENT_NAME = "Hack Manchester Junior 2026";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const TEAMS = [
  { name: "Byte Club", school: "Trinity High School", title: "RevisionBuddy" },
  { name: "Code Crew", school: "Parrs Wood High School", title: "Bus Buddy" },
  { name: "Pixel Pals", school: "Loreto College", title: "Pocket Planets" },
];
const JO = { name: "Jo Judge", email: "jo.judge@example.com", password: "jo judges phones" };
const SAM = { name: "Sam Teacher", email: "sam.teacher@example.com", password: "sam teaches here" };
const KIM = { name: "Kim Keen", email: "kim.keen@example.com", password: "kim keeps score" };

/** What Jo writes about Byte Club. */
const WORDS = {
  innovation: "A brilliant idea: nobody has built a revision app like this before.",
  technical: "Looked copied from a tutorial, but we couldn't be sure.",
  overall: "Great teamwork and a clear demo. Keep going!",
};
/** What Kim writes about Byte Club (through the API). */
const KIM_WORDS = { presentation: "Lovely colours and a calm talk.", overall: "It crashed twice." };
/** The organizer's words for Jo's comment on Innovation, which Byte Club reads instead. */
const EDITED = "A brilliant idea: a revision app like no other.";
/** What Sam writes about Code Crew: never on Byte Club's page. */
const SAM_WORDS = "Code Crew's bus times were spot on.";

let server: TestServer;
let browser: Browser;
let organizer: Client;
let categoryId = "";
let criteria: { id: string; name: string }[] = [];
const teams: Record<string, { id: string; contact: { email: string; password: string } }> = {};
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];
let offline = false;

let jo: Page;
let joContext: BrowserContext;
let sam: Page;
let desk: Page;
let byteClub: Page;

const criterionId = (name: string) => criteria.find((c) => c.name === name)!.id;

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  categoryId = event.categoryId;
  criteria = event.criteria;
  await addPrizes(event, { "Best Game": categoryId }, [
    ["Best Game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
  ]);
  const checkedIn = await checkInTeams(event, categoryId, TEAMS);
  for (const team of checkedIn) teams[team.name] = team;
  await handInProjects(server, checkedIn);

  // Judging: Jo may score every team; Sam teaches at Byte Club's school; Kim scores by API.
  const judging = await startJudging(event);
  organizer = judging.organizer;
  await signInJudge(judging, JO, [categoryId]);
  const samApi = await signInJudge(judging, SAM, [categoryId], ["Trinity High School"]);
  const kimApi = await signInJudge(judging, KIM, [categoryId]);
  await saveScores(kimApi, [
    {
      teamId: teams["Byte Club"]!.id,
      marks: [8, 7, 4],
      comment: KIM_WORDS.overall,
      commentShared: false,
      criterionComments: { [criterionId("Presentation")]: { text: KIM_WORDS.presentation } },
    },
  ]);
  await saveScores(samApi, [
    { teamId: teams["Code Crew"]!.id, marks: [5, 5, 3], comment: SAM_WORDS },
    { teamId: teams["Pixel Pals"]!.id, marks: [4, 4, 2] },
  ]);

  // Byte Club is first in the running order (by name) and starts its talk.
  const started = await organizer.post(`/api/events/${SLUG}/stage`, {
    action: "start",
    categoryId,
  });
  if (started.status !== 200) throw new Error(`stage: ${started.status}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function openPhone(excuseOffline = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE_CONTEXT);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(
    excuseOffline
      ? watchConsoleExcept(page, (text) => offline && /net::ERR_INTERNET_DISCONNECTED/.test(text))
      : watchConsole(page),
  );
  return { context, page };
}

const signInAt = (page: Page, credentials: { email: string; password: string }, to: string) =>
  signInAs(page, server.url, credentials, to);

async function checkPage(page: Page, where: string) {
  await expectNoAxeViolations(page, where);
  await expectNoSidewaysScroll(page, where);
}

const onStage = (page: Page) => page.getByRole("region", { name: /On stage now/ });
/** One comment's row in the organizer's panel (not the team's, which holds them all). */
const row = (panel: Locator, text: string) =>
  panel
    .getByRole("listitem")
    .filter({ hasText: text })
    .filter({ hasNot: panel.page().getByRole("list") });
const shareGroup = (page: Page, about: string) =>
  page.getByRole("group", { name: `Who can read it? (your comment${about})` });

describe("judges follow the stage", () => {
  it("shows the team on stage first on a judge's phone, with one tap to score it", async () => {
    const opened = await openPhone(true);
    joContext = opened.context;
    jo = opened.page;
    await signInAt(jo, JO, "/judge");
    await jo.getByRole("heading", { level: 1, name: "Teams to score" }).waitFor();
    // The card is named for what is happening on stage: Byte Club's talk.
    const card = jo.getByRole("region", { name: /^On stage now\W+Talk$/ });
    await card.getByRole("heading", { name: "Byte Club" }).waitFor();
    await card.getByText("“RevisionBuddy”").waitFor();
    const score = card.getByRole("link", { name: "Score this team" });
    expect(await score.getAttribute("href")).toBe(`/judge/teams/${teams["Byte Club"]!.id}`);

    // First on the page, above the list, and the whole card on the first screen.
    const cardBox = (await card.boundingBox())!;
    const listBox = (await jo.locator(".judge-team-cards").boundingBox())!;
    expect(cardBox.y).toBeLessThan(listBox.y);
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(PHONE.height);
    const tap = (await score.boundingBox())!;
    expect(tap.height).toBeGreaterThanOrEqual(48);
    expect(tap.width).toBeGreaterThan(PHONE.width * 0.7);
    // Every assigned team is still on the list, to score in any order.
    expect(await jo.locator(".judge-team-cards").getByRole("link").count()).toBe(3);
    await checkPage(jo, "judge home with a team on stage");
    await screenshot(jo, "feedback-judge-on-stage-phone");
  });

  it("follows the stage live: the questions start without a reload", async () => {
    const res = await organizer.post(`/api/events/${SLUG}/stage`, { action: "questions" });
    expect(res.status).toBe(200);
    const card = jo.getByRole("region", { name: /^On stage now\W+Questions$/ });
    await card.getByRole("heading", { name: "Byte Club" }).waitFor();
    await card.getByRole("link", { name: "Score this team" }).waitFor();
  });

  it("never offers a judge a team from their own school, even on stage", async () => {
    const opened = await openPhone();
    sam = opened.page;
    await signInAt(sam, SAM, "/judge");
    const card = onStage(sam);
    await card.getByRole("heading", { name: "Byte Club" }).waitFor();
    await card.getByText("You don't score this team.").waitFor();
    expect(await card.getByRole("link").count()).toBe(0);
    expect(await sam.getByRole("link", { name: /Byte Club/ }).count()).toBe(0);
    // Sam's own teams are there as usual.
    await sam.getByRole("link", { name: /Code Crew/ }).waitFor();
    await checkPage(sam, "conflicted judge's home with a team on stage");
    await screenshot(sam, "feedback-judge-on-stage-conflicted-phone");
  });

  it("opens the team on stage in one tap", async () => {
    await onStage(jo).getByRole("link", { name: "Score this team" }).click();
    await jo.waitForURL(`${server.url}/judge/teams/${teams["Byte Club"]!.id}`);
    await jo.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    await jo.getByRole("heading", { name: "RevisionBuddy" }).waitFor();
  });
});

describe("comments on the score card", () => {
  const radio = (criterion: string, n: number) =>
    jo
      .getByRole("radiogroup", { name: new RegExp(`^${criterion}`) })
      .getByRole("radio", { name: String(n), exact: true });

  it("takes a comment under each criterion and overall, shared unless the judge says not", async () => {
    for (const [criterion, value] of [
      ["Innovation", 9],
      ["Technical", 7],
      ["Presentation", 4],
    ] as const)
      await radio(criterion, value).check();

    // Sharing with the team is the default, for every comment.
    for (const about of [" on Innovation", " on Technical", " on Presentation", ""])
      expect(
        await shareGroup(jo, about).getByRole("radio", { name: "Share with the team" }).isChecked(),
      ).toBe(true);

    await jo.getByLabel("Comment on Innovation").fill(WORDS.innovation);
    await jo.getByLabel("Comment on Technical").fill(WORDS.technical);
    await shareGroup(jo, " on Technical").getByRole("radio", { name: "Organizers only" }).check();
    await jo.getByLabel("Overall comment").fill(WORDS.overall);

    // Near the limit a counter says how much room is left; a comment can't go past it.
    const presentation = jo.getByLabel("Comment on Presentation");
    await presentation.fill("x".repeat(420));
    await jo.getByText("80 characters left").waitFor();
    await presentation.fill("y".repeat(600));
    expect((await presentation.inputValue()).length).toBe(500);
    await jo.getByText("That's the most you can write here.").waitFor();
    await presentation.fill("");
    expect(await jo.getByText(/characters left/).count()).toBe(0);

    await jo.getByText("Not saved yet").waitFor();
    await checkPage(jo, "scoring page with comments");
    await screenshot(jo, "feedback-score-comments-phone");
  });

  it("keeps the comments with the scores on the phone while offline, then sends them once", async () => {
    offline = true;
    await joContext.setOffline(true);
    await jo.getByText("Offline", { exact: true }).waitFor();
    await jo.getByRole("button", { name: "Save", exact: true }).click();
    await jo.getByText("Waiting to send (offline)").waitFor();

    // What waits in the browser's storage carries the comments and who may read them.
    const stored = await jo.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("hmj:score-outbox:"));
      return key ? JSON.parse(localStorage.getItem(key) ?? "[]") : [];
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      teamId: teams["Byte Club"]!.id,
      comment: WORDS.overall,
      commentShared: true,
    });
    // Only the comments written here: the untouched one is left as it is on the server.
    expect(stored[0].criterionComments).toEqual({
      [criterionId("Innovation")]: { text: WORDS.innovation, shared: true },
      [criterionId("Technical")]: { text: WORDS.technical, shared: false },
    });
    expect(stored[0].key).toEqual(expect.any(String));

    await joContext.setOffline(false);
    await jo.getByText("Online", { exact: true }).waitFor();
    await expect
      .poll(() => jo.locator(".judge-save-line").textContent(), { timeout: 20_000 })
      .toMatch(/Saved \d\d:\d\d/);
    offline = false;

    const overview = await organizer.get<FeedbackOverview>(`/api/events/${SLUG}/feedback`);
    const byte = overview.body.categories
      .flatMap((c) => c.teams)
      .find((t) => t.teamName === "Byte Club")!;
    const jos = byte.comments.filter((c) => c.judgeName === JO.name);
    expect(jos).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ criterionName: null, text: WORDS.overall, shared: true }),
        expect.objectContaining({
          criterionName: "Innovation",
          text: WORDS.innovation,
          shared: true,
        }),
        expect.objectContaining({
          criterionName: "Technical",
          text: WORDS.technical,
          shared: false,
        }),
      ]),
    );
    expect(jos).toHaveLength(3);
    // Each comment was written once: one log entry each, however often the phone retried.
    const log = await organizer.get<{ log: { newComment?: string | null }[] }>(
      `/api/events/${SLUG}/scores/log`,
    );
    for (const text of Object.values(WORDS))
      expect(log.body.log.filter((l) => l.newComment === text)).toHaveLength(1);
  });

  it("shows the saved comments and choices when the page opens again", async () => {
    await jo.reload();
    await jo.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    await expect
      .poll(() => jo.getByLabel("Comment on Innovation").inputValue())
      .toBe(WORDS.innovation);
    expect(await jo.getByLabel("Comment on Technical").inputValue()).toBe(WORDS.technical);
    expect(await jo.getByLabel("Overall comment").inputValue()).toBe(WORDS.overall);
    expect(
      await shareGroup(jo, " on Technical")
        .getByRole("radio", { name: "Organizers only" })
        .isChecked(),
    ).toBe(true);
    expect(
      await shareGroup(jo, " on Innovation")
        .getByRole("radio", { name: "Share with the team" })
        .isChecked(),
    ).toBe(true);
    expect(await jo.getByText("Not saved yet").count()).toBe(0);
  });
});

describe("feedback after the ceremony", () => {
  it("tells the team on its dashboard that feedback comes after the ceremony", async () => {
    const opened = await openPhone();
    byteClub = opened.page;
    await signInAt(byteClub, teams["Byte Club"]!.contact, "/team");
    await byteClub.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    const section = byteClub.getByRole("region", { name: /Feedback from the judges/ });
    await section.getByText("Your feedback will appear here after the prize ceremony.").waitFor();
    expect(await byteClub.getByRole("button", { name: /Print feedback/ }).count()).toBe(0);
    await checkPage(byteClub, "team dashboard before feedback");
    await screenshot(byteClub, "feedback-team-waiting-phone");
  });

  it("lists every comment for the organizer, and holds the release until the ceremony ends", async () => {
    const context = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    contexts.push(context);
    desk = await context.newPage();
    desk.setDefaultTimeout(15_000);
    consoleErrors.push(watchConsole(desk));
    await signInAt(desk, ORGANIZER, `/organize/${SLUG}/results`);
    const panel = desk.getByRole("region", { name: /Feedback for teams/ });
    await panel.getByText(WORDS.technical).waitFor();
    const release = panel.getByRole("button", { name: "Release feedback for Best Game" });
    expect(await release.isDisabled()).toBe(true);
    await panel.getByText("You can release feedback after the ceremony").waitFor();
    // Judge names are shown here, and the organizers-only comments are marked.
    const technical = row(panel, WORDS.technical);
    await technical.getByText(JO.name).waitFor();
    await technical.getByText("Organizers only").waitFor();
    const kims = row(panel, KIM_WORDS.overall);
    await kims.getByText("Organizers only").waitFor();
    expect(await row(panel, WORDS.innovation).getByText("Organizers only").count()).toBe(0);
    await expectNoAxeViolations(desk, "results with feedback held");
    await screenshot(desk, "feedback-organizer-before-release");
  });

  it("lets the organizer release feedback once the last award is revealed", async () => {
    expect((await organizer.post(`/api/events/${SLUG}/stage`, { action: "stop" })).status).toBe(
      200,
    );
    expect((await organizer.post(`/api/events/${SLUG}/scoring/lock`)).status).toBe(200);
    expect(
      (await organizer.post(`/api/events/${SLUG}/ceremony/screen`, { start: true })).status,
    ).toBe(200);
    const revealed = await organizer.post<{ award: { teamName: string } }>(
      `/api/events/${SLUG}/ceremony/next`,
    );
    expect(revealed.status).toBe(200);
    expect(revealed.body.award.teamName).toBe("Byte Club");

    // The panel hears that the ceremony is over and offers the release, without a reload.
    const panel = desk.getByRole("region", { name: /Feedback for teams/ });
    const release = panel.getByRole("button", { name: "Release feedback for Best Game" });
    await expect.poll(() => release.isEnabled(), { timeout: 15_000 }).toBe(true);

    // Before releasing, the organizer rewords Jo's comment on Innovation; Jo's words are kept.
    // Found by who wrote it and about what: its words are about to change.
    const innovation = row(panel, `${JO.name} · Innovation`).filter({ hasText: "Byte Club" });
    await innovation
      .getByRole("button", {
        name: `Change the words of ${JO.name}'s comment on Innovation for Byte Club`,
      })
      .click();
    const words = innovation.getByLabel(
      `New words for ${JO.name}'s comment on Innovation for Byte Club`,
    );
    await expect.poll(() => words.evaluate((el) => el === document.activeElement)).toBe(true);
    await words.fill(EDITED);
    await innovation.getByRole("button", { name: "Save the words" }).click();
    const edited = row(panel, EDITED);
    await edited.getByText("Words changed").waitFor();
    await edited.getByText(/^Changed by Organizer, Sun 15 March 2026, 14:00$/).waitFor();
    await edited.getByText("What the judge wrote").click();
    await edited.getByText(WORDS.innovation).waitFor();
    await expectNoAxeViolations(desk, "results with a reworded comment");
    await screenshot(desk, "feedback-organizer-reworded");

    await release.click();
    await panel.getByText(/Release feedback for Best Game now\?/).waitFor();
    await expectNoAxeViolations(desk, "release question");
    await panel.getByRole("button", { name: "Yes, release feedback" }).click();
    await expect
      .poll(() =>
        panel
          .getByRole("status")
          .filter({ hasText: /Released at/ })
          .textContent(),
      )
      .toMatch(/^\s*Released at Sun 15 March 2026, 14:00\. Teams in Best Game can read/);
    await expectNoAxeViolations(desk, "results with feedback released");
    await screenshot(desk, "feedback-organizer-released");
  });

  it("shows the team only the shared comments, without judge names, live", async () => {
    const section = byteClub.getByRole("region", { name: /Feedback from the judges/ });
    await section.getByRole("heading", { name: "Judge 1" }).waitFor({ timeout: 20_000 });
    await section.getByRole("heading", { name: "Judge 2" }).waitFor();
    for (const text of [EDITED, WORDS.overall, KIM_WORDS.presentation])
      await section.getByText(text).waitFor();
    // Not even hidden in the page's markup.
    const page = await byteClub.evaluate(() => document.documentElement.outerHTML);
    for (const secret of [
      WORDS.innovation,
      WORDS.technical,
      KIM_WORDS.overall,
      SAM_WORDS,
      JO.name,
      SAM.name,
      KIM.name,
    ])
      expect(page, `the team's page shows "${secret}"`).not.toContain(secret);
    await section.getByText("Innovation", { exact: true }).waitFor();
    await checkPage(byteClub, "team dashboard with feedback");
    await screenshot(byteClub, "feedback-team-phone");

    // The print button prints (here: asks the browser to), and the paper shows only feedback.
    await byteClub.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await section.getByRole("button", { name: "Print feedback" }).click();
    expect(await byteClub.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(
      1,
    );

    await byteClub.emulateMedia({ media: "print" });
    expect(await byteClub.locator(".site-header").isVisible()).toBe(false);
    expect(await byteClub.getByRole("heading", { name: /^Members/ }).isVisible()).toBe(false);
    expect(await section.getByRole("button", { name: "Print feedback" }).isVisible()).toBe(false);
    for (const line of [EVENT_NAME, "“RevisionBuddy” · Best Game", EDITED])
      expect(await section.getByText(line).isVisible(), `${line} on paper`).toBe(true);
    expect(await section.getByText("Byte Club", { exact: true }).isVisible()).toBe(true);
    await screenshot(byteClub, "feedback-team-print");
    await byteClub.emulateMedia({ media: "screen" });
  });

  it("withdraws a released comment, and the team's page drops it at once", async () => {
    const panel = desk.getByRole("region", { name: /Feedback for teams/ });
    const kims = row(panel, KIM_WORDS.presentation);
    // Released: the words can't change any more, but the comment can be withdrawn.
    expect(await kims.getByRole("button", { name: /Change the words/ }).count()).toBe(0);
    const withdraw = kims.getByRole("button", {
      name: `Withdraw ${KIM.name}'s comment on Presentation for Byte Club`,
    });
    await withdraw.click();
    await kims.getByText("Withdrawn", { exact: true }).waitFor();
    // The same button now offers to show it again, and keeps the focus.
    const again = kims.getByRole("button", { name: /^Show it again/ });
    await expect.poll(() => again.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoAxeViolations(desk, "results with a withdrawn comment");
    await screenshot(desk, "feedback-organizer-withdrawn");

    const section = byteClub.getByRole("region", { name: /Feedback from the judges/ });
    await expect.poll(() => section.getByText(KIM_WORDS.presentation).count()).toBe(0);
    await section.getByRole("heading", { name: "Judge 1" }).waitFor();
    expect(await section.getByRole("heading", { name: "Judge 2" }).count()).toBe(0);
    const log = await organizer.get<{ log: { action: string; judgeText: string; by: string }[] }>(
      `/api/events/${SLUG}/feedback/log`,
    );
    expect(log.body.log.map((e) => [e.action, e.judgeText, e.by])).toEqual([
      ["withdrawn", KIM_WORDS.presentation, "Organizer"],
      ["edited", WORDS.innovation, "Organizer"],
    ]);
  });

  it("tells a team with no shared comments so, kindly", async () => {
    const { page } = await openPhone();
    await signInAt(page, teams["Pixel Pals"]!.contact, "/team");
    const section = page.getByRole("region", { name: /Feedback from the judges/ });
    await section
      .getByText("The judges didn't leave written comments to share this time.")
      .waitFor();
    expect(await section.getByRole("button", { name: /Print feedback/ }).count()).toBe(0);
    await checkPage(page, "team dashboard with no comments");
    await screenshot(page, "feedback-team-empty-phone");
  });

  it("logged no console errors or CSP refusals", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
