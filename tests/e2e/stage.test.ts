/**
 * Presentations in real browsers: the organizer sets the running order on a phone (390×844)
 * with the keyboard buttons, a finger drag and a skip, then runs the stage (next → start →
 * questions → next → back …) while two projectors (1920×1080, and 1024×768 with reduced
 * motion) show "Now presenting", the stage timer in each of its tones and "Up next", and go
 * back to the event countdown once the stage is cleared. The server's clock runs in this test
 * (from judging time), and is moved back once so a talk is already over time.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresentationsView, StageState } from "../../shared/api";
import { signInOrganizer } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectFitsProjector,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import {
  AT,
  addCategory,
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
} from "./liveEvent";

const SLUG = "hmj-stage";
const PHONE = { width: 390, height: 844 };
const HALL = { width: 1920, height: 1080 };
const OLD_PROJECTOR = { width: 1024, height: 768 };
const E = `/api/events/${SLUG}`;

/** The teams, with their project's title, or null when none was handed in. */
const TEAMS = [
  { name: "Byte Club", school: "Trinity High School", title: "RevisionBuddy" },
  { name: "Code Crew", school: "Parrs Wood High School", title: "Bus Buddy" },
  { name: "Loop Troop", school: "Manchester Academy", title: null },
  { name: "Pixel Pals", school: "Loreto College", title: "Pocket Planets" },
];

let server: TestServer;
let browser: Browser;
let desk: Client;
let categoryId = "";
let phone: Page;
let hall: Page;
let old: Page;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

/**
 * The server's clock, running: it starts at judging time and moves with real time, so the
 * stage timer counts down as it would on the day. `shift` moves it as a whole.
 */
const running = {
  base: 0,
  startedAt: 0,
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  start(at: Date) {
    this.base = at.getTime();
    this.startedAt = Date.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), 20);
  },
  tick() {
    server.clock.set(new Date(this.base + Date.now() - this.startedAt));
  },
  shift(ms: number) {
    this.base += ms;
    this.tick();
  },
  stop() {
    clearInterval(this.timer);
  },
};

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  categoryId = event.categoryId;
  // A second category with no checked-in team: the section says how to fill it.
  await addCategory(event, "Pre-University Challenge");
  await handInProjects(server, await checkInTeams(event, categoryId, TEAMS));
  running.start(AT.judging);
  desk = await signInOrganizer(server.url, server.database);
  browser = await launchBrowser();
});

afterAll(async () => {
  running.stop();
  await browser?.close();
  await server?.close();
});

async function newPage(options: Parameters<Browser["newContext"]>[0]) {
  const context = await browser.newContext({ locale: "en-GB", ...options });
  contexts.push(context);
  const page = await context.newPage();
  consoleErrors.push(watchConsole(page));
  return page;
}

/** The running order as the server has it: names, with "(skipped)" after a skipped team. */
async function serverOrder(): Promise<string[]> {
  const { body } = await desk.get<PresentationsView>(`${E}/presentations`);
  const order = body.categories.find((c) => c.categoryId === categoryId)!;
  return order.slots.map((s) => `${s.teamName}${s.skipped ? " (skipped)" : ""}`);
}

/**
 * Nothing on the phone is wider than its screen. With a mobile viewport the browser widens the
 * page to fit wide content, so compare with the phone's width too, not only the window's.
 */
async function expectPhoneFits(where: string) {
  await expectNoSidewaysScroll(phone, where);
  const wide = await phone.evaluate(
    (max) =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > max + 1)
        .map((el) => `${el.tagName} ${el.className}`),
    PHONE.width,
  );
  expect(wide, `wider than the phone on ${where}`).toEqual([]);
}

/** The running order as the phone shows it. */
const phoneOrder = () => phone.locator(".order-team").allTextContents();
const named = (names: string[]) => names.map((n, i) => `Number ${i + 1}: ${n}`);

const stageButton = (name: string) =>
  phone.getByRole("button", { name: new RegExp(`^${name}`) }).first();

/** Presses a stage button on the phone and waits for the server's answer. */
async function press(name: string) {
  const answered = phone.waitForResponse(
    (r) => r.url().endsWith(`${E}/stage`) && r.request().method() === "POST",
  );
  await stageButton(name).click();
  return answered;
}

const timer = (page: Page) => page.getByTestId("stage-timer");
const tone = (page: Page) => timer(page).getAttribute("data-tone");
const digits = (page: Page) => timer(page).locator(".stage-timer-digits").textContent();

/** The projector fits the screen, and axe finds nothing on it. */
async function expectFits(page: Page, where: string) {
  await expectFitsProjector(page, where);
  await expectNoAxeViolations(page, where);
}

/** Both projectors show the countdown and no one on stage. */
async function expectCountdown(strip: string | null) {
  for (const page of [hall, old]) {
    await page.getByTestId("stage-now").waitFor({ state: "detached" });
    await page.getByTestId("countdown").getByText("Judging is under way").waitFor();
    if (strip) await page.getByTestId("stage-next-strip").getByText(strip).waitFor();
    else expect(await page.getByTestId("stage-next-strip").count()).toBe(0);
  }
}

/** Both projectors show the team presenting, its project, the phase and who is next. */
async function expectPresenting(team: string, project: string | null, phase: string, next: string) {
  for (const page of [hall, old]) {
    const now = page.getByTestId("stage-now");
    await now.getByRole("heading", { name: team }).waitFor();
    await now.getByText("Now presenting").waitFor();
    expect(await now.locator(".onstage-category").textContent()).toBe("· Best Game");
    if (project) await now.getByText(`“${project}”`).waitFor();
    await timer(page).locator(".stage-timer-phase").getByText(phase, { exact: true }).waitFor();
    await page.getByTestId("stage-up-next").getByText(next).waitFor();
    // The timer is at least a fifth of the screen's height, like the event countdown.
    const box = await timer(page).locator(".stage-timer-digits").boundingBox();
    const height = page.viewportSize()?.height ?? 0;
    expect(box?.height ?? 0, `stage timer height on ${page.viewportSize()?.width}`).toBeGreaterThan(
      height * 0.2,
    );
  }
}

describe("presentations on stage", () => {
  it("shows the organizer the running order on a phone, with an empty state", async () => {
    phone = await newPage({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      reducedMotion: "reduce",
    });
    await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/stage`);
    await phone.getByRole("heading", { level: 1, name: "Stage" }).waitFor();
    await phone.getByRole("heading", { name: "Running order" }).waitFor();
    // Checked-in teams, by name, until the organizer orders them.
    expect(await phoneOrder()).toEqual(
      named(["Byte Club", "Code Crew", "Loop Troop", "Pixel Pals"]),
    );
    await phone.getByText("No project handed in").first().waitFor();
    await phone.getByText("Nothing on stage").waitFor();
    await phone.getByText("First up in Best Game:").waitFor();
    // Nothing is on stage: only the buttons that make sense now are on.
    for (const name of ["Start talk", "Next team"])
      expect(await stageButton(name).isEnabled(), name).toBe(true);
    for (const name of ["Questions", "Back", "Stop"])
      expect(await stageButton(name).isDisabled(), name).toBe(true);
    // Big enough for a thumb.
    const box = await stageButton("Next team").boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(64);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(150);
    await expectNoAxeViolations(phone, "stage section");
    await expectPhoneFits("stage section");
    await screenshot(phone, "stage-phone-idle");

    await phone
      .getByLabel("Category presenting")
      .selectOption({ label: "Pre-University Challenge (0 teams)" });
    await phone
      .getByRole("heading", { name: "No teams to present in Pre-University Challenge yet" })
      .waitFor();
    await phone.getByRole("link", { name: "Go to Teams" }).waitFor();
    await expectNoAxeViolations(phone, "stage section, empty category");
    await expectPhoneFits("stage section, empty category");
    await phone.getByLabel("Category presenting").selectOption({ label: "Best Game (4 teams)" });
    await phone.getByRole("heading", { name: "Running order" }).waitFor();
  });

  it("sets the order with the keyboard, a finger drag and a skip, and the slot length", async () => {
    // Pixel Pals up twice, by keyboard; the focus stays on the button.
    await phone.getByRole("button", { name: "Move Pixel Pals up" }).focus();
    await phone.keyboard.press("Enter");
    await expect
      .poll(phoneOrder)
      .toEqual(named(["Byte Club", "Code Crew", "Pixel Pals", "Loop Troop"]));
    await phone.getByText("Pixel Pals is now number 3 of 4.").waitFor();
    await phone.keyboard.press("Enter");
    await expect
      .poll(phoneOrder)
      .toEqual(named(["Byte Club", "Pixel Pals", "Code Crew", "Loop Troop"]));
    await phone.getByText("Pixel Pals is now number 2 of 4.").waitFor();
    // Moving a team down takes its row out of the page and back: the focus comes back too.
    await phone.getByRole("button", { name: "Move Byte Club down" }).focus();
    await phone.keyboard.press("Enter");
    await expect
      .poll(phoneOrder)
      .toEqual(named(["Pixel Pals", "Byte Club", "Code Crew", "Loop Troop"]));
    await expect
      .poll(() => phone.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Move Byte Club down");
    await expect.poll(serverOrder).toEqual(["Pixel Pals", "Byte Club", "Code Crew", "Loop Troop"]);

    // A finger drags Loop Troop by its handle to just above Byte Club.
    await phone.getByTestId("grip-Loop Troop").scrollIntoViewIfNeeded();
    const grip = await phone.getByTestId("grip-Loop Troop").boundingBox();
    const target = await phone.locator(".order-row", { hasText: "Byte Club" }).boundingBox();
    if (!grip || !target) throw new Error("rows not on screen");
    const x = grip.x + grip.width / 2;
    const cdp = await phone.context().newCDPSession(phone);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", y: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: type === "touchEnd" ? [] : [{ x, y }],
      });
    await touch("touchStart", grip.y + grip.height / 2);
    for (let step = 1; step <= 8; step++)
      await touch(
        "touchMove",
        grip.y + grip.height / 2 + ((target.y + 8 - grip.y - grip.height / 2) * step) / 8,
      );
    await touch("touchEnd", 0);
    await expect.poll(serverOrder).toEqual(["Pixel Pals", "Loop Troop", "Byte Club", "Code Crew"]);
    expect(await phoneOrder()).toEqual(
      named(["Pixel Pals", "Loop Troop", "Byte Club", "Code Crew"]),
    );

    // Code Crew is not ready: skipped, "next team" passes over it.
    await phone.getByRole("button", { name: "Skip Code Crew" }).click();
    await phone.getByRole("button", { name: "Bring back Code Crew" }).waitFor();
    await phone.locator(".order-row", { hasText: "Code Crew" }).getByText("Skipped").waitFor();
    await expect.poll(serverOrder).toContain("Code Crew (skipped)");

    // Shuffling asks first; keeping the order changes nothing.
    await phone.getByRole("button", { name: "Shuffle the order" }).click();
    await phone.getByText("Shuffle the running order of Best Game?").waitFor();
    await expectNoAxeViolations(phone, "shuffle question");
    await phone.getByRole("button", { name: "Keep this order" }).click();
    await phone.getByRole("button", { name: "Shuffle the order" }).waitFor();
    expect(await serverOrder()).toEqual([
      "Pixel Pals",
      "Loop Troop",
      "Byte Club",
      "Code Crew (skipped)",
    ]);

    // The slot length, checked before it is sent: 2 minutes of talk, 30 seconds of questions.
    await phone.getByLabel("Talk minutes").fill("0");
    await phone.getByLabel("Talk seconds").fill("10");
    await phone.getByRole("button", { name: "Save slot length" }).click();
    await phone.getByText("A talk lasts from 30 seconds to 30 minutes.").waitFor();
    await phone.getByLabel("Talk minutes").fill("2");
    await phone.getByLabel("Talk seconds").fill("0");
    await phone.getByLabel("Questions minutes").fill("0");
    await phone.getByLabel("Questions seconds").fill("30");
    await phone.getByRole("button", { name: "Save slot length" }).click();
    await phone.getByText("Saved: 2 min talk, then 30 s questions.").waitFor();
    const { body } = await desk.get<PresentationsView>(`${E}/presentations`);
    expect(body.categories.find((c) => c.categoryId === categoryId)).toMatchObject({
      talkSeconds: 120,
      questionsSeconds: 30,
    });
    await expectNoAxeViolations(phone, "running order set");
    await expectPhoneFits("running order set");
    await screenshot(phone, "stage-phone-order");
  });

  it("calls a team: the projectors keep the countdown with a strip naming it", async () => {
    hall = await newPage({ viewport: HALL, reducedMotion: "no-preference" });
    old = await newPage({ viewport: OLD_PROJECTOR, reducedMotion: "reduce" });
    for (const page of [hall, old]) await page.goto(`${server.url}/display/${SLUG}`);
    await expectCountdown(null);
    await screenshot(hall, "stage-display-idle-1920");

    const called = await press("Next team");
    expect(called.status()).toBe(200);
    await phone.getByText("Pixel Pals is called to the stage.").waitFor();
    await expectCountdown("Pixel Pals — “Pocket Planets”");
    await hall.getByTestId("stage-next-strip").getByText("On stage next").waitFor();
    for (const [page, name] of [
      [hall, "1920"],
      [old, "1024"],
    ] as const) {
      await screenshot(page, `stage-display-ready-${name}`);
      await expectFits(page, `team called, at ${name}`);
    }
    expect(await stageButton("Start talk").isEnabled()).toBe(true);
    expect(await stageButton("Questions").isDisabled()).toBe(true);
  });

  it("starts the talk: Now presenting, the timer counting down, and who is next", async () => {
    await press("Start talk");
    await expectPresenting("Pixel Pals", "Pocket Planets", "Talk", "Loop Troop");
    expect(await tone(hall)).toBe("normal");
    await timer(hall).getByText("Time left", { exact: true }).waitFor();
    expect(await digits(hall)).toMatch(/^0[12]:\d\d$/);
    for (const [page, name] of [
      [hall, "1920"],
      [old, "1024"],
    ] as const) {
      await screenshot(page, `stage-display-talk-${name}`);
      await expectFits(page, `talk at ${name}`);
    }
    // It ticks by itself, on both screens.
    const shown = await digits(hall);
    await expect.poll(() => digits(hall), { timeout: 5_000 }).not.toBe(shown);
    await expect.poll(() => digits(old), { timeout: 5_000 }).not.toBe(shown);

    // The phone shows the same team and timer, and "Pixel Pals" is marked as presented.
    await phone.getByTestId("stage-now-card").getByText("Pixel Pals").waitFor();
    expect(await tone(phone)).toBe("normal");
    await phone.locator(".order-row", { hasText: "Pixel Pals" }).getByText("On stage").waitFor();
    expect(await stageButton("Start talk").isDisabled()).toBe(true);
    await phone.getByText("The screen shows Pixel Pals presenting, with the timer.").waitFor();
    await expectNoAxeViolations(phone, "stage section during a talk");
    await expectPhoneFits("stage section during a talk");
    await screenshot(phone, "stage-phone-talk");
  });

  it("turns amber for the last 30 seconds, with words as well as colour", async () => {
    await press("Questions");
    for (const page of [hall, old]) {
      await timer(page).locator(".stage-timer-phase").getByText("Questions").waitFor();
      await expect.poll(() => tone(page)).toBe("warning");
      await timer(page).getByText("Last 30 seconds", { exact: true }).waitFor();
    }
    expect(await digits(hall)).toMatch(/^00:[0-3]\d$/);
    await screenshot(hall, "stage-display-warning-1920");
    await screenshot(old, "stage-display-warning-1024");
    await expectFits(hall, "questions, last 30 seconds, at 1920");
    expect(await tone(phone)).toBe("warning");
    await screenshot(phone, "stage-phone-warning");
  });

  it("calls the next team, and shows red once a talk runs over time", async () => {
    await press("Next team");
    await expectCountdown("Loop Troop");
    await phone.getByText("Loop Troop is called to the stage.").waitFor();
    await phone.locator(".order-row", { hasText: "Pixel Pals" }).getByText("Presented").waitFor();

    // Loop Troop started three minutes ago (the server's clock goes back for the press): its
    // two minutes are over by one.
    running.shift(-3 * 60_000);
    try {
      await press("Start talk");
    } finally {
      running.shift(3 * 60_000);
    }
    // The press's push carried the shifted time, and a screen that re-synced its clock while
    // the clock was back would count from there: loading the screens again syncs them with
    // the real time, as screens do on every load.
    await Promise.all([hall, old, phone].map((page) => page.reload()));
    await expectPresenting("Loop Troop", null, "Talk", "Byte Club");
    for (const page of [hall, old, phone]) {
      await expect.poll(() => tone(page)).toBe("over");
      await timer(page).getByText("Over time", { exact: true }).waitFor();
      expect(await digits(page)).toMatch(/^\u221201:\d\d$/);
    }
    for (const [page, name] of [
      [hall, "1920"],
      [old, "1024"],
    ] as const) {
      await screenshot(page, `stage-display-over-${name}`);
      await expectFits(page, `over time at ${name}`);
    }
    await expectNoAxeViolations(phone, "stage section, over time");
    await screenshot(phone, "stage-phone-over");
  });

  it("goes back a team, then on to the next one still to present", async () => {
    await press("Back");
    await phone.getByText("Pixel Pals is called to the stage.").waitFor();
    await expectCountdown("Pixel Pals");
    // Pixel Pals and Loop Troop have presented, Code Crew is skipped: Byte Club is next.
    await stageButton("Next team").getByText("Byte Club").waitFor();
    await press("Next team");
    await expectCountdown("Byte Club — “RevisionBuddy”");
    await phone
      .getByTestId("stage-up-next-line")
      .getByText("nobody, this is the last team")
      .waitFor();
    // Code Crew is ready after all: brought back, it is next.
    await phone.getByRole("button", { name: "Bring back Code Crew" }).click();
    await phone.getByRole("button", { name: "Skip Code Crew" }).waitFor();
    await phone.getByTestId("stage-up-next-line").getByText("Code Crew — “Bus Buddy”").waitFor();
  });

  it("refuses a press from an outdated screen, says so, and shows the stage as it is", async () => {
    // Another organizer starts Byte Club's talk while this phone's press is on its way.
    let raced = false;
    await phone.route(`**${E}/stage`, async (route) => {
      if (!raced && route.request().method() === "POST") {
        raced = true;
        const res = await desk.post<StageState>(`${E}/stage`, { action: "start" });
        expect(res.status).toBe(200);
      }
      await route.continue();
    });
    const answer = await press("Start talk");
    await phone.unroute(`**${E}/stage`);
    expect(raced).toBe(true);
    expect(answer.status()).toBe(409);
    await phone.getByText("Someone else moved the stage a moment ago").waitFor();
    // The screen now shows the talk the other organizer started.
    await expect.poll(() => tone(phone)).toBe("normal");
    await phone.getByTestId("stage-now-card").getByText("Byte Club").waitFor();
    expect(await stageButton("Start talk").isDisabled()).toBe(true);
    expect(await stageButton("Questions").isEnabled()).toBe(true);
    await expectPresenting("Byte Club", "RevisionBuddy", "Talk", "Code Crew");
    await expectNoAxeViolations(phone, "stage section after a refused press");
    await screenshot(phone, "stage-phone-refused");

    // The stage lives on the server: a reload shows the same talk.
    await phone.reload();
    await phone.getByTestId("stage-now-card").getByText("Byte Club").waitFor();
    await timer(phone).getByText("Talk", { exact: true }).waitFor();
  });

  it("stops: the projectors go back to the event countdown", async () => {
    await press("Stop");
    await phone.getByText("The stage is clear. The screen shows the event countdown.").waitFor();
    await expectCountdown(null);
    await screenshot(hall, "stage-display-stopped-1920");
    await expectFits(hall, "stopped at 1920");
    await expectFits(old, "stopped at 1024");
    await phone.getByText("The screen shows the event countdown.", { exact: true }).waitFor();

    // Loop Troop's talk was a false start: the mark goes, and "next team" will call them again.
    const loopRow = phone.locator(".order-row", { hasText: "Loop Troop" });
    await loopRow.getByText("Presented").waitFor();
    await phone.getByRole("button", { name: "Present again Loop Troop" }).click();
    await phone.getByText('Loop Troop can present again: "Next team" will call them').waitFor();
    await expect.poll(() => loopRow.getByText("Presented").count()).toBe(0);
    await stageButton("Next team").getByText("Loop Troop").waitFor();
    await expectNoAxeViolations(phone, "stage section after a team may present again");
  });

  it("gives the screen to the ceremony once it starts, even with a team on stage", async () => {
    await press("Next team");
    await press("Start talk");
    await expectPresenting("Loop Troop", null, "Talk", "Code Crew");
    expect((await desk.post(`${E}/scoring/lock`)).status).toBe(200);
    expect((await desk.post(`${E}/ceremony/screen`, { start: true })).status).toBe(200);
    for (const page of [hall, old]) {
      await page.locator(".ceremony").waitFor();
      expect(await page.getByTestId("stage-now").count()).toBe(0);
    }
    await phone.getByText("The screen shows the ceremony").waitFor();
  });

  it("logged no console errors or CSP refusals", async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors.flat()).toEqual([]);
  });
});
