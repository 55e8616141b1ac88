/**
 * Full-page screenshots of every page, in both languages, at desktop (1280 px) and phone
 * (390 px) widths, with Debian's Chromium: for reviewing the interface, not a test.
 *
 *   npx tsx scripts/screenshots.ts [--base-url URL] [--out DIR] [--join-code CODE]
 *
 * It signs in as a student and as an instructor, creating them when they do not exist yet:
 * the student registers through /register with the course's join code; the instructor is
 * created with scripts/create-instructor.ts as an instructor of the join code's course, which writes to the database named by
 * DATABASE_URL / TREINO_DATA_DIR (set them as the server has them). Credentials come from
 * flags or the environment:
 *
 *   --student-email / TREINO_SHOTS_STUDENT_EMAIL        (default shots-student@example.com)
 *   --student-password / TREINO_SHOTS_STUDENT_PASSWORD  (default senha-segura-123)
 *   --instructor-email / TREINO_SHOTS_INSTRUCTOR_EMAIL  (default shots-instructor@example.com)
 *   --instructor-password / TREINO_SHOTS_INSTRUCTOR_PASSWORD (default senha-segura-123)
 *   --join-code / TREINO_JOIN_CODE                      (default E2E-JOIN-2026, the e2e server's)
 *
 * If the student has no submission yet, it hands in the reference solution of --task
 * (default next-number) once and waits for the result, so the submission, leaderboard and
 * gradebook pages have something to show. Files are named <locale>-<width>-<role>-<page>.png.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright";

const { values: args } = parseArgs({
  options: {
    "base-url": { type: "string" },
    out: { type: "string" },
    "join-code": { type: "string" },
    "student-email": { type: "string" },
    "student-password": { type: "string" },
    "instructor-email": { type: "string" },
    "instructor-password": { type: "string" },
    task: { type: "string" },
  },
});

const env = process.env;
const baseUrl = (args["base-url"] ?? env.TREINO_SHOTS_BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const outDir = path.resolve(args.out ?? "screenshots");
const joinCode = args["join-code"] ?? env.TREINO_JOIN_CODE ?? "E2E-JOIN-2026";
const student = {
  name: "Estudante Exemplo",
  email: args["student-email"] ?? env.TREINO_SHOTS_STUDENT_EMAIL ?? "shots-student@example.com",
  password: args["student-password"] ?? env.TREINO_SHOTS_STUDENT_PASSWORD ?? "senha-segura-123",
};
const instructor = {
  name: "Docente Exemplo",
  email: args["instructor-email"] ?? env.TREINO_SHOTS_INSTRUCTOR_EMAIL ?? "shots-instructor@example.com",
  password: args["instructor-password"] ?? env.TREINO_SHOTS_INSTRUCTOR_PASSWORD ?? "senha-segura-123",
};
const referenceTask = args.task ?? "next-number";
const LOCALES = ["pt-BR", "en"] as const;
const WIDTHS = [1280, 390] as const;

type Shot = { name: string; url: string };

async function newContext(browser: Browser, locale: string, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, reducedMotion: "reduce" });
  await context.addCookies([{ name: "treino-locale", value: locale, url: baseUrl }]);
  return context;
}

/** Signs in through /login; false when the credentials were refused. */
async function signIn(page: Page, who: { email: string; password: string }): Promise<boolean> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByRole("main").locator('form button[type="submit"]').click();
  // Each role lands on its own page: students on /tasks, instructors on /instructor.
  const outcome = await Promise.race([
    page.waitForURL(/\/(tasks|instructor)$/, { timeout: 20_000 }).then(() => true),
    page.locator('[role="alert"]:not(:empty)').first().waitFor({ timeout: 20_000 }).then(() => false),
  ]);
  return outcome;
}

async function ensureStudent(page: Page) {
  if (await signIn(page, student)) return;
  console.log(`registering ${student.email} with join code ${joinCode}`);
  await page.goto(`${baseUrl}/register`);
  await page.locator('input[name="name"]').fill(student.name);
  await page.locator('input[name="email"]').fill(student.email);
  await page.locator('input[name="password"]').fill(student.password);
  await page.locator('input[name="joinCode"]').fill(joinCode);
  await page.getByRole("main").locator('form button[type="submit"]').click();
  await page.waitForURL(/\/tasks$/, { timeout: 30_000 });
}

async function ensureInstructor(page: Page) {
  if (await signIn(page, instructor)) return;
  console.log(`creating instructor ${instructor.email} (database: ${env.DATABASE_URL ?? "the default .data/treino.db"})`);
  execFileSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("scripts", "create-instructor.ts"), "--email", instructor.email, "--name", instructor.name, "--password", instructor.password, "--course", joinCode], { stdio: "inherit" });
  if (!(await signIn(page, instructor))) throw new Error(`could not sign in as ${instructor.email}: is DATABASE_URL the server's?`);
}

/** Replaces the editor's content (CodeMirror's contenteditable), as e2e/helpers.ts does. */
async function setEditorCode(page: Page, code: string) {
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await editor.fill(code);
}

/** The student's submission pages; hands in the reference solution first when there is none. */
async function ensureSubmission(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/tasks/${referenceTask}`);
  const existing = page.locator('a[href^="/submissions/"]');
  if ((await existing.count()) === 0) {
    console.log(`no submission yet: handing in exercises/${referenceTask}/solution.ts`);
    // Without its "Reference solution ... kept out of students' sight" header: on a student's
    // page in the screenshots it would read as a leak, which it is not (this script sent it).
    const reference = fs.readFileSync(path.join("exercises", referenceTask, "solution.ts"), "utf8").replace(/^\/\/ Reference solution.*\n/, "");
    await setEditorCode(page, reference);
    await page.getByRole("main").locator('form button[type="submit"]').click();
    await page.waitForURL(/\/submissions\//, { timeout: 60_000 });
    await page.getByTestId("verdict").waitFor({ timeout: 600_000 });
    return new URL(page.url()).pathname;
  }
  return (await existing.first().getAttribute("href"))!;
}

async function linksUnder(page: Page, url: string, prefix: string): Promise<string[]> {
  await page.goto(url);
  const hrefs = await page.locator(`a[href^="${prefix}"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs)];
}

async function capture(context: BrowserContext, shots: Shot[], prefix: string) {
  const page = await context.newPage();
  for (const shot of shots) {
    const file = path.join(outDir, `${prefix}-${shot.name}.png`);
    try {
      await page.goto(`${baseUrl}${shot.url}`, { waitUntil: "load" });
      // Client components (the editor, the charts) render after hydration.
      await page.waitForTimeout(800);
      // The window as tall as the page before the shot: a full-page capture otherwise grows it
      // in the middle of the shot, before the editor has measured its newly visible lines.
      const viewport = page.viewportSize()!;
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
      await page.waitForTimeout(300);
      await page.screenshot({ path: file, fullPage: true });
      await page.setViewportSize(viewport);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      console.log(`${path.basename(file)}${scrollWidth > clientWidth ? `  (scrolls sideways: ${scrollWidth} > ${clientWidth})` : ""}`);
    } catch (err) {
      console.error(`${path.basename(file)}: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
    }
  }
  await page.close();
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    // Once: the accounts, the submission, and the addresses of the pages that depend on data.
    const setup = await newContext(browser, "pt-BR", 1280);
    const sPage = await setup.newPage();
    await ensureStudent(sPage);
    const submission = await ensureSubmission(sPage);
    // Task pages live in their course: /courses/<course>/tasks/<slug>.
    const taskPages = (await linksUnder(sPage, `${baseUrl}/tasks`, "/courses/")).filter((h) => /^\/courses\/[^/]+\/tasks\/[^/]+$/.test(h));
    const studentState = await setup.storageState();
    await setup.close();

    const setupProf = await newContext(browser, "pt-BR", 1280);
    const iPage = await setupProf.newPage();
    await ensureInstructor(iPage);
    const studentPages = (await linksUnder(iPage, `${baseUrl}/instructor/gradebook`, "/instructor/students/")).slice(0, 1);
    // The similarity report (visiting it queues its analysis: a pair shows once it is stored).
    const similarity = `/instructor/tasks/${referenceTask}/similarity`;
    await linksUnder(iPage, `${baseUrl}${similarity}`, similarity);
    await iPage.waitForTimeout(5000);
    const similarityPairs = (await linksUnder(iPage, `${baseUrl}${similarity}`, `${similarity}/`)).slice(0, 1);
    const instructorState = await setupProf.storageState();
    await setupProf.close();

    const slug = (h: string) => h.split("/").filter(Boolean).at(-1)!;
    const publicShots: Shot[] = [
      { name: "login", url: "/login" },
      { name: "register", url: "/register" },
      { name: "sign-out-signed-out", url: "/sair" },
    ];
    const studentShots: Shot[] = [
      { name: "tasks", url: "/tasks" },
      ...taskPages.map((h) => ({ name: `task-${slug(h)}`, url: h })),
      { name: "submission", url: submission },
      { name: `leaderboard-${referenceTask}`, url: `${taskPages.find((h) => h.endsWith(`/${referenceTask}`)) ?? `/tasks/${referenceTask}`}/leaderboard` },
      { name: "profile", url: "/profile" },
      { name: "sign-out", url: "/sair" },
    ];
    const instructorShots: Shot[] = [
      { name: "overview", url: "/instructor" },
      { name: "gradebook", url: "/instructor/gradebook" },
      { name: "courses", url: "/instructor/courses" },
      { name: "course-settings", url: "/instructor/course" },
      { name: "roster", url: "/instructor/roster" },
      ...taskPages.map((h) => ({ name: `task-${slug(h)}`, url: `/instructor/tasks/${slug(h)}` })),
      { name: `leaderboard-${referenceTask}`, url: `${taskPages.find((h) => h.endsWith(`/${referenceTask}`)) ?? `/tasks/${referenceTask}`}/leaderboard` },
      ...studentPages.map((h) => ({ name: "student-page", url: h })),
      { name: `similarity-${referenceTask}`, url: similarity },
      ...similarityPairs.map((h) => ({ name: `similarity-pair-${referenceTask}`, url: h })),
    ];

    for (const locale of LOCALES) {
      for (const width of WIDTHS) {
        const anonymous = await newContext(browser, locale, width);
        await capture(anonymous, publicShots, `${locale}-${width}-public`);
        await anonymous.close();
        for (const [role, state, shots] of [["student", studentState, studentShots], ["instructor", instructorState, instructorShots]] as const) {
          const context = await browser.newContext({ storageState: state, viewport: { width, height: width < 600 ? 844 : 900 }, reducedMotion: "reduce" });
          await context.addCookies([{ name: "treino-locale", value: locale, url: baseUrl }]);
          await capture(context, [...shots], `${locale}-${width}-${role}`);
          await context.close();
        }
      }
    }
    console.log(`screenshots in ${outDir}`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
