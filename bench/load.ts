/**
 * The web tier under a class's load (issue 15): per configuration (SQLite or PostgreSQL, one
 * or more web processes on one database), a fresh database seeded with a course of 300
 * students and a month of graded history (bench/load-seed.ts), the real servers
 * (scripts/serve.mjs: the first host with its grading worker at the quick profile and the
 * similarity runner; every further host with TREINO_ROLE=web), and then:
 *
 * - first, each kind of request alone, one at a time (what one request costs, whatever the load);
 * - every student opens their submission page (`/submissions/<id>`) and keeps its live feed
 *   open (`GET /api/submissions/<id>/events`, server-sent events) for the whole run;
 * - 300 open feeds, nothing else, for a while: the web processes' CPU (the feeds of a process
 *   share one database read per interval: server/submissions/watch.ts);
 * - then, for `--duration` seconds: 50 students hand in (`POST /api/submissions`, multipart
 *   with `taskId` and `code` as a Blob, spread over the minute), each then loads the new
 *   submission's page and moves their feed to it, which sees it queued, running (live epochs
 *   from the grading worker) and graded; meanwhile students reload their submission pages and
 *   poll its JSON, instructors open the gradebook and a task's leaderboard, and a few real
 *   logins are timed; each kind of request at a fixed rate (autocannon, one instance per kind
 *   and web process);
 * - it prints p50/p95/p99 per page and API, errors (non-2xx, socket errors and timeouts, feeds
 *   that dropped), requests per second, the database's connection count (SQLite: open handles
 *   to the .db file across processes, from /proc/<pid>/fd; PostgreSQL: pg_stat_activity), and
 *   the load average beside it.
 *
 * Sessions: the students' and instructors' session cookies are minted directly with
 * next-auth's own `encode` (next-auth/jwt) and the servers' NEXTAUTH_SECRET, shaped as
 * server/auth/index.ts's jwt callback shapes them (sub, uid, email, name, role), instead of
 * 300 logins through argon2; `--logins` real logins (CSRF token, then the credentials callback)
 * are timed separately.
 *
 * Several web processes: the bench itself is the round-robin balancer (student i and each
 * autocannon instance's share go to web process i mod N), so no proxy's cost is measured.
 *
 *   npm run bench:load                                  # SQLite, one then two web processes
 *   npm run bench:load -- --processes 1                 # one configuration
 *   npm run bench:load -- --database postgresql://127.0.0.1:5432/treino_bench --processes 1,2
 *
 * `--sql "CREATE INDEX ..."`: run on the seeded database before the servers start (an index
 * measured without a migration; SQLite through better-sqlite3, PostgreSQL through psql).
 *
 * `--database`: the database to use, EMPTIED first (SQLite: a file of this bench's own folder by
 * default; PostgreSQL: its public schema is dropped, so the database's name must contain
 * "bench"). The URL is passed to every server process as DATABASE_URL.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { Command } from "commander";
import { encode } from "next-auth/jwt";
import type { LoadManifest } from "./load-seed";

const opts = new Command()
  .option("--database <url>", "file:<path> or postgresql://... (emptied first)", "")
  .option("--processes <list>", "web processes per configuration, e.g. 1,2", "1,2")
  .option("--students <n>", "students in the course (each holds a live feed)", "300")
  .option("--submitters <n>", "students handing in during the run", "50")
  .option("--duration <s>", "seconds of mixed load", "60")
  .option("--open-rate <n>", "students opening their page (and its feed) per second, spread; 0: ten at a time, each as soon as the last is served (a closed-loop flash crowd)", "10")
  .option("--hold <s>", "seconds with only the feeds open, before the mixed load", "10")
  .option("--page-rate <n>", "submission page loads per second (all students)", "10")
  .option("--api-rate <n>", "GET /api/submissions/<id> per second", "5")
  .option("--gradebook-rate <n>", "gradebook loads per second (instructors)", "1")
  .option("--leaderboard-rate <n>", "leaderboard loads per second (instructors)", "2")
  .option("--logins <n>", "real logins timed during the run", "5")
  .option("--arrivals <how>", "spread: requests evenly over each second (default); burst: autocannon's own pacing, each second's requests at once", "spread")
  .option("--alone <n>", "requests of each kind timed one at a time before the load", "20")
  .option("--worker-concurrency <n>", "grading jobs at a time on the first host; 0: no grading worker on this machine (grading hosts elsewhere: hand-ins stay queued)", "1")
  .option("--port <n>", "first web process's port (3500-3599 on the shared machine)", "3500")
  .option("--label <text>", "a label for this run's tables", "")
  .option("--json <file>", "also write the figures as JSON here")
  .option("--sql <statement>", "run on the database after seeding, e.g. a CREATE INDEX tried without a migration (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
  .option("--cpu-prof <dir>", "write a V8 CPU profile of every server process into this folder (node --cpu-prof)")
  .option("--no-build", "do not build the web app first (scripts/build-if-changed.sh)")
  .parse()
  .opts();

const root = process.cwd();
const benchDir = path.join(root, ".data", "bench-load");
const SECRET = "bench-load-nextauth-secret-0123456789";
const SEED_SECRET = "bench-load-secret-seed";
const processes = String(opts.processes).split(",").map(Number).filter((n) => n >= 1);
const duration = Number(opts.duration) * 1000;
const basePort = Number(opts.port);

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.error(`[bench:load] ${line}`);

// ---- databases ----

interface Database {
  url: string;
  kind: "sqlite" | "postgresql";
  /** Empties it. */
  reset(): void;
  /** Runs a statement (--sql). */
  exec(sql: string): void;
  /** Connections (PostgreSQL) or open handles to the file (SQLite) right now. */
  connections(pids: number[]): number;
}

function sqliteDatabase(url: string): Database {
  const file = path.resolve(url.slice("file:".length));
  return {
    url: `file:${file}`,
    kind: "sqlite",
    reset() {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    },
    exec(sql) {
      const raw = new Database(file);
      raw.exec(sql);
      raw.close();
    },
    connections(pids) {
      // Every descriptor of every process of the installation that points at the .db file.
      let n = 0;
      for (const pid of allPids(pids)) {
        let fds: string[] = [];
        try {
          fds = fs.readdirSync(`/proc/${pid}/fd`);
        } catch {
          continue;
        }
        for (const fd of fds) {
          try {
            if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === file) n++;
          } catch {
            // closed meanwhile
          }
        }
      }
      return n;
    },
  };
}

function postgresDatabase(url: string): Database {
  const name = new URL(url).pathname.slice(1);
  if (!/bench/.test(name)) throw new Error(`--database ${url}: this bench empties the database; its name must contain "bench" (createdb treino_bench)`);
  const psql = (sql: string, db = url) => execFileSync("psql", [db, "-Atqc", sql], { encoding: "utf8" }).trim();
  return {
    url,
    kind: "postgresql",
    reset() {
      // Made on first use, through the server's maintenance database (name checked above).
      const server = new URL(url);
      server.pathname = "/postgres";
      if (psql(`SELECT count(*) FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`, server.toString()) === "0") {
        psql(`CREATE DATABASE "${name.replace(/"/g, '""')}"`, server.toString());
      }
      psql("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    },
    exec(sql) {
      psql(sql);
    },
    connections() {
      return Number(psql(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${name.replace(/'/g, "''")}'`));
    },
  };
}

/** The processes and all their descendants (tsx starts node children). */
function allPids(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  for (const r of roots) walk(r);
  return out;
}

/** CPU seconds (user + system) a process has used. */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// ---- servers ----

interface Host {
  port: number;
  serve: ChildProcess;
  /** The web server's own pid (scripts/web-server.mjs under serve.mjs). */
  webPid: number;
}

function serverEnv(database: Database, dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    TREINO_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: SECRET,
    TREINO_SECRET_SEED: SEED_SECRET,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    TREINO_GRADING_PROFILE: "quick",
    ...(Number(opts.workerConcurrency) > 0 ? { TREINO_WORKER_CONCURRENCY: String(opts.workerConcurrency) } : { TREINO_LOCAL_WORKER: "0" }),
    HOST: "127.0.0.1",
    PORT: String(port),
  };
  delete env.REDIS_URL;
  return env;
}

async function waitReady(port: number, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.ok) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error(`web process on ${port} not ready after ${ms / 1000} s`);
}

/** Every host started and not yet stopped: stopped on the way out, whatever happened. */
const running = new Set<Host>();

async function startHosts(database: Database, dataDir: string, n: number): Promise<Host[]> {
  const hosts: Host[] = [];
  for (let i = 0; i < n; i++) {
    const port = basePort + i;
    // The first host is a whole installation (web, grading worker, similarity runner); the
    // others are web hosts only (TREINO_ROLE=web in scripts/serve.mjs).
    const env: NodeJS.ProcessEnv = { ...serverEnv(database, dataDir, port), ...(i > 0 ? { TREINO_ROLE: "web" } : {}) };
    // Profiling: the web server alone under `node --cpu-prof` (Node refuses the flag in
    // NODE_OPTIONS, and serve.mjs passes no flags on), the first host's grading worker beside it.
    const serve = opts.cpuProf
      ? spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts.cpuProf)}`, "scripts/web-server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(process.execPath, ["scripts/serve.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    if (opts.cpuProf && i === 0 && Number(opts.workerConcurrency) > 0) {
      const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/worker/main.ts"], { env, stdio: "ignore" });
      serve.on("exit", () => worker.kill("SIGTERM"));
    }
    const out = fs.createWriteStream(path.join(benchDir, `host-${i}.log`));
    serve.stdout!.pipe(out);
    serve.stderr!.pipe(out);
    hosts.push({ port, serve, webPid: 0 });
    running.add(hosts.at(-1)!);
  }
  for (const h of hosts) {
    await waitReady(h.port);
    const web = allPids([h.serve.pid!]).find((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/web-server.mjs");
      } catch {
        return false;
      }
    });
    h.webPid = web ?? h.serve.pid!;
  }
  return hosts;
}

async function stopHosts(hosts: Host[]): Promise<void> {
  for (const h of hosts) running.delete(h);
  for (const h of hosts) h.serve.kill("SIGTERM");
  await Promise.all(hosts.map((h) => new Promise<void>((resolve) => {
    if (h.serve.exitCode !== null) return resolve();
    const force = setTimeout(() => h.serve.kill("SIGKILL"), 20_000);
    h.serve.on("exit", () => { clearTimeout(force); resolve(); });
  })));
}

// ---- measuring ----

class Latencies {
  readonly ms: number[] = [];
  non2xx = 0;
  errors = 0;
  statuses = new Map<number, number>();
  add(ms: number, status: number) {
    this.ms.push(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status < 200 || status > 299) this.non2xx++;
  }
  pct(p: number): number | null {
    if (!this.ms.length) return null;
    const s = [...this.ms].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  }
}

const cookieName = "next-auth.session-token"; // http: no __Secure- prefix

async function sessionCookie(user: { id: string; email: string; name: string }, role: "student" | "instructor"): Promise<string> {
  // What server/auth/index.ts's jwt callback leaves in the token after a login.
  const token = await encode({ secret: SECRET, token: { sub: user.id, uid: user.id, email: user.email, name: user.name, picture: null, role }, maxAge: 7 * 24 * 3600 });
  return `${cookieName}=${token}`;
}

/** One request with its latency, the body read to the end. */
async function timed(stats: Latencies, url: string, init: RequestInit = {}): Promise<Response | null> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { redirect: "manual", ...init });
    const body = await res.arrayBuffer();
    stats.add(performance.now() - t0, res.status);
    return new Response(body, { status: res.status, headers: res.headers });
  } catch {
    stats.errors++;
    return null;
  }
}

/** A live feed as a browser's EventSource holds it: statuses seen, views, whether it dropped. */
/** The version of the view a submission page was rendered with (in its payload), as the page's own script reads it. */
async function viewVersion(page: Response | null): Promise<string | null> {
  if (!page || page.status !== 200) return null;
  return /\\?"version\\?":\\?"([0-9a-f]{16})/.exec(await page.text())?.[1] ?? null;
}

class Feed {
  views = 0;
  statuses: string[] = [];
  sawProgress = false;
  dropped = false;
  closedByUs = false;
  firstEventMs: number | null = null;
  private req: http.ClientRequest | null = null;

  /** `since`: the version of the view the page showed, as the page opens its feed; null when the page did not say. */
  constructor(readonly port: number, readonly id: string, readonly cookie: string, readonly since: string | null = null) {}

  /**
   * `onOpen`: when the feed is open. As the browser's page, with `since`: at the stream's answer
   * (the server sends no view until the submission changes); without: at the first view.
   */
  open(onOpen?: (ms: number, status: number) => void): void {
    const t0 = performance.now();
    let buffer = "";
    const path = `/api/submissions/${this.id}/events${this.since ? `?since=${this.since}` : ""}`;
    this.req = http.get({ host: "127.0.0.1", port: this.port, path, headers: { cookie: this.cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        onOpen?.(performance.now() - t0, res.statusCode ?? 0);
        this.dropped = true;
        res.resume();
        return;
      }
      if (this.since) onOpen?.(performance.now() - t0, 200);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = event.split("\n").find((l) => l.startsWith("data: "));
          if (!event.includes("event: view") || !data) continue;
          const view = JSON.parse(data.slice(6)) as { status: string; progress: unknown };
          if (this.firstEventMs === null) {
            this.firstEventMs = performance.now() - t0;
            if (!this.since) onOpen?.(this.firstEventMs, 200);
          }
          this.views++;
          if (this.statuses.at(-1) !== view.status) this.statuses.push(view.status);
          if (view.status === "running" && view.progress) this.sawProgress = true;
        }
      });
      res.on("close", () => {
        if (!this.closedByUs) this.dropped = true;
      });
    });
    this.req.on("error", () => {
      if (!this.closedByUs) this.dropped = true;
    });
  }

  close(): void {
    this.closedByUs = true;
    this.req?.destroy();
  }
}

interface CannonSpec {
  name: string;
  rate: number;
  connections: number;
  path: (i: number) => { path: string; cookie: string };
}

/**
 * A kind of request at `rate` a second across the web processes, through autocannon.
 * autocannon's own rate limit sends each connection's quota back to back at the start of every
 * second, so all kinds would land together in one burst each second: `spread` (the default)
 * runs one single-connection instance per request a second instead, each at 1/s, their starts
 * staggered evenly over the second and their targets taken round robin over the processes, so
 * requests arrive as from many independent students; `burst` keeps autocannon's own pacing
 * (one instance per process with its share of the rate), the harsher, synchronised case.
 */
function runCannons(hosts: Host[], spec: CannonSpec, stats: Latencies, ms: number): Promise<{ requests: number; errors: number; timeouts: number }> {
  const plan: { host: Host; rate: number; connections: number; delay: number; first: number }[] = [];
  if (opts.arrivals === "burst") {
    // Whole requests per second per process (1 over two processes: 1 and 0).
    hosts.forEach((host, i) => {
      const rate = Math.floor(spec.rate / hosts.length) + (i < spec.rate % hosts.length ? 1 : 0);
      if (rate >= 1) plan.push({ host, rate, connections: Math.min(spec.connections, rate), delay: 0, first: i });
    });
  } else {
    for (let j = 0; j < spec.rate; j++) plan.push({ host: hosts[j % hosts.length], rate: 1, connections: 1, delay: (j * 1000) / spec.rate, first: j });
  }
  const step = plan.length;
  return Promise.all(plan.map((p) => new Promise<{ requests: number; errors: number; timeouts: number }>((resolve, reject) => {
    let k = p.first;
    setTimeout(() => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${p.host.port}`,
          connections: p.connections,
          overallRate: p.rate,
          duration: Math.max(1, (ms - p.delay) / 1000),
          timeout: 30,
          requests: [{
            setupRequest: (req: Record<string, unknown>) => {
              const { path: target, cookie } = spec.path((k += step));
              return { ...req, method: "GET", path: target, headers: { ...(req.headers as object), cookie } };
            },
          }],
        },
        (err, result) => (err ? reject(err) : resolve({ requests: result.requests.total, errors: result.errors, timeouts: result.timeouts })),
      );
      instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => stats.add(responseTime, status));
    }, p.delay);
  }))).then((parts) => parts.reduce((a, b) => ({ requests: a.requests + b.requests, errors: a.errors + b.errors, timeouts: a.timeouts + b.timeouts }), { requests: 0, errors: 0, timeouts: 0 }));
}

async function realLogin(port: number, who: { email: string; password: string }): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  const csrf = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: "true" }),
  });
  await res.arrayBuffer();
  const ok = res.headers.getSetCookie().some((c) => c.startsWith(`${cookieName}=`));
  return { ms: performance.now() - t0, ok };
}

// ---- one configuration ----

interface Row {
  name: string;
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  non2xx: number;
  errors: number;
  rps: number;
}

async function runConfiguration(database: Database, n: number) {
  const label = `${database.kind}, ${n} web process${n > 1 ? "es" : ""}`;
  const dataDir = path.join(benchDir, `data-${database.kind}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  database.reset();
  const env = serverEnv(database, dataDir, basePort);

  // SQLite: the seeded file is kept as a template for the next configuration and run (the same
  // migrations, seed script and options give the same class); PostgreSQL is seeded each time.
  const seedArgs = ["--students", String(opts.students)];
  const key = createHash("sha256")
    .update(JSON.stringify([seedArgs, fs.readdirSync("prisma/migrations"), fs.readFileSync("bench/load-seed.ts", "utf8")]))
    .digest("hex")
    .slice(0, 12);
  const template = path.join(benchDir, `template-${key}`);
  let manifest: LoadManifest;
  if (database.kind === "sqlite" && fs.existsSync(`${template}.json`)) {
    fs.copyFileSync(`${template}.db`, database.url.slice("file:".length));
    if (fs.existsSync(`${template}.db-wal`)) fs.copyFileSync(`${template}.db-wal`, database.url.slice("file:".length) + "-wal");
    manifest = JSON.parse(fs.readFileSync(`${template}.json`, "utf8")) as LoadManifest;
    log(`${label}: the seeded class from ${path.relative(root, template)}.db (load ${loadavg()})`);
  } else {
    log(`${label}: migrating and seeding (load ${loadavg()})`);
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/setup.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
    const seedOut = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/load-seed.ts", ...seedArgs], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
    manifest = JSON.parse(seedOut.trim().split("\n").at(-1)!) as LoadManifest;
    log(`${label}: seeded ${manifest.counts.users} users, ${manifest.counts.submissions} graded submissions (${manifest.counts.epochRows} epoch rows) in ${manifest.counts.seedSeconds} s`);
    if (database.kind === "sqlite") {
      // Every connection is closed (the last one checkpoints the WAL into the file); a WAL left over goes along.
      fs.copyFileSync(database.url.slice("file:".length), `${template}.db`);
      if (fs.existsSync(database.url.slice("file:".length) + "-wal")) fs.copyFileSync(database.url.slice("file:".length) + "-wal", `${template}.db-wal`);
      fs.writeFileSync(`${template}.json`, JSON.stringify(manifest));
    }
  }

  for (const sql of opts.sql as string[]) {
    database.exec(sql);
    log(`${label}: applied ${sql}`);
  }

  const hosts = await startHosts(database, dataDir, n);
  const pids = hosts.map((h) => h.serve.pid!);
  const portOf = (i: number) => hosts[i % hosts.length].port;
  const students = await Promise.all(manifest.students.map(async (s) => ({ ...s, cookie: await sessionCookie(s, "student") })));
  const instructors = await Promise.all(manifest.instructors.map(async (s) => ({ ...s, cookie: await sessionCookie(s, "instructor") })));
  const leaderboardPaths = manifest.tasks.map((t) => `/courses/${manifest.courseId}/tasks/${t.slug}/leaderboard`);

  const stats = {
    pageFirst: new Latencies(),
    page: new Latencies(),
    api: new Latencies(),
    feedFirst: new Latencies(),
    handIn: new Latencies(),
    pageAfterHandIn: new Latencies(),
    gradebook: new Latencies(),
    leaderboard: new Latencies(),
    login: new Latencies(),
  };
  let maxConnections = 0;
  const sampleConnections = () => { maxConnections = Math.max(maxConnections, database.connections(pids)); };

  // Warm each route once (the first render of a route loads its code).
  for (const p of [`/submissions/${students[0].submissionId}`, `/api/submissions/${students[0].submissionId}`]) {
    for (const h of hosts) await fetch(`http://127.0.0.1:${h.port}${p}`, { headers: { cookie: students[0].cookie }, redirect: "manual" }).then((r) => r.arrayBuffer());
  }
  for (const p of ["/instructor/gradebook", leaderboardPaths[0]]) {
    for (const h of hosts) await fetch(`http://127.0.0.1:${h.port}${p}`, { headers: { cookie: instructors[0].cookie }, redirect: "manual" }).then((r) => r.arrayBuffer());
  }

  // 0. Each kind of request alone, one at a time, before any load: what one request costs.
  const alone = { page: new Latencies(), api: new Latencies(), gradebook: new Latencies(), leaderboard: new Latencies() };
  for (let k = 0; k < Number(opts.alone); k++) {
    const s = students[(k * 7919) % students.length];
    const who = instructors[k % instructors.length];
    const port = portOf(k);
    await timed(alone.page, `http://127.0.0.1:${port}/submissions/${s.submissionId}`, { headers: { cookie: s.cookie } });
    await timed(alone.api, `http://127.0.0.1:${port}/api/submissions/${s.submissionId}`, { headers: { cookie: s.cookie } });
    await timed(alone.gradebook, `http://127.0.0.1:${port}/instructor/gradebook`, { headers: { cookie: who.cookie } });
    await timed(alone.leaderboard, `http://127.0.0.1:${port}${leaderboardPaths[k % leaderboardPaths.length]}`, { headers: { cookie: who.cookie } });
  }
  const aloneLoad = loadavg();

  // 1. Every student opens their submission page, then its live feed: `--open-rate` a second,
  // spread over each second, or (0) ten at a time as fast as they are served.
  const openRate = Number(opts.openRate);
  log(`${label}: ${students.length} students open their submission page and its live feed, ${openRate > 0 ? `${openRate} a second` : "ten at a time"} (load ${loadavg()})`);
  const feeds = new Map<string, Feed>();
  const opening: Promise<void>[] = [];
  const started = Date.now();
  const openOne = async (s: (typeof students)[number], k: number) => {
    const port = portOf(k);
    const page = await timed(stats.pageFirst, `http://127.0.0.1:${port}/submissions/${s.submissionId}`, { headers: { cookie: s.cookie } });
    const feed = new Feed(port, s.submissionId, s.cookie, await viewVersion(page));
    feeds.set(s.id, feed);
    opening.push(new Promise((resolve) => feed.open((ms, status) => { stats.feedFirst.add(ms, status); resolve(); })));
  };
  if (openRate > 0) {
    await Promise.all(students.map(async (s, k) => {
      await sleep((k * 1000) / openRate);
      await openOne(s, k);
    }));
  } else {
    for (let i = 0; i < students.length; i += 10) await Promise.all(students.slice(i, i + 10).map((s, j) => openOne(s, i + j)));
  }
  await Promise.race([Promise.all(opening), sleep(30_000)]);
  const openSeconds = (Date.now() - started) / 1000;
  sampleConnections();

  // 2. Only the feeds, open: what they cost each web process.
  const holdMs = Number(opts.hold) * 1000;
  const cpu0 = hosts.map((h) => cpuSeconds(h.webPid));
  await sleep(holdMs);
  const idleCpu = hosts.map((h, i) => Math.round(((cpuSeconds(h.webPid) - cpu0[i]) / (holdMs / 1000)) * 1000) / 10);
  const idleLoad = loadavg();
  log(`${label}: ${feeds.size} feeds open for ${holdMs / 1000} s: web process CPU ${idleCpu.join(", ")}% (load ${idleLoad})`);

  // 3. The mixed load.
  const loadBefore = loadavg();
  log(`${label}: ${opts.duration} s of mixed load, ${opts.submitters} hand-ins (load ${loadBefore})`);
  const sampler = setInterval(sampleConnections, 1000);
  const cpu1 = hosts.map((h) => cpuSeconds(h.webPid));
  const benchCpu0 = process.cpuUsage();
  const rand = (k: number) => students[(k * 7919) % students.length];
  const cannons = Promise.all([
    runCannons(hosts, { name: "page", rate: Number(opts.pageRate), connections: 8, path: (k) => ({ path: `/submissions/${rand(k).submissionId}`, cookie: rand(k).cookie }) }, stats.page, duration),
    runCannons(hosts, { name: "api", rate: Number(opts.apiRate), connections: 4, path: (k) => ({ path: `/api/submissions/${rand(k).submissionId}`, cookie: rand(k).cookie }) }, stats.api, duration),
    runCannons(hosts, { name: "gradebook", rate: Number(opts.gradebookRate), connections: 2, path: (k) => ({ path: "/instructor/gradebook", cookie: instructors[k % instructors.length].cookie }) }, stats.gradebook, duration),
    runCannons(hosts, { name: "leaderboard", rate: Number(opts.leaderboardRate), connections: 2, path: (k) => ({ path: leaderboardPaths[k % leaderboardPaths.length], cookie: instructors[k % instructors.length].cookie }) }, stats.leaderboard, duration),
  ]);
  const submitters = students.slice(0, Number(opts.submitters));
  const handIns = submitters.map(async (s, i) => {
    await sleep((i * duration * 0.9) / submitters.length);
    const port = portOf(i);
    const form = new FormData();
    form.set("taskId", s.taskId);
    form.set("code", new Blob([fs.readFileSync(path.join("exercises", manifest.tasks.find((t) => t.id === s.taskId)!.slug, "solution.ts"), "utf8") + `\n// bench ${i}\n`]));
    const res = await timed(stats.handIn, `http://127.0.0.1:${port}/api/submissions`, { method: "POST", body: form, headers: { cookie: s.cookie } });
    if (!res || res.status !== 201) return null;
    const { submissionId } = (await res.json()) as { submissionId: string };
    const page = await timed(stats.pageAfterHandIn, `http://127.0.0.1:${port}/submissions/${submissionId}`, { headers: { cookie: s.cookie } });
    // The page's feed moves to the new submission.
    feeds.get(s.id)!.close();
    const feed = new Feed(port, submissionId, s.cookie, await viewVersion(page));
    feeds.set(s.id, feed);
    feed.open((ms, status) => stats.feedFirst.add(ms, status));
    return feed;
  });
  const logins = (async () => {
    const count = Math.min(Number(opts.logins), manifest.logins.length);
    for (let i = 0; i < count; i++) {
      await sleep(duration / (count + 1));
      const r = await realLogin(portOf(i), manifest.logins[i]).catch(() => ({ ms: 0, ok: false }));
      if (r.ok) stats.login.add(r.ms, 200);
      else stats.login.errors++;
    }
  })();
  const totals = await cannons.catch(async (err) => {
    for (const f of feeds.values()) f.close();
    await stopHosts(hosts);
    throw err;
  });
  const newFeeds = (await Promise.all(handIns)).filter((f): f is Feed => f !== null);
  await logins;
  clearInterval(sampler);
  const benchCpu = process.cpuUsage(benchCpu0);
  const benchCpuPercent = Math.round(((benchCpu.user + benchCpu.system) / 1000 / duration) * 1000) / 10;
  const busyCpu = hosts.map((h, i) => Math.round(((cpuSeconds(h.webPid) - cpu1[i]) / (duration / 1000)) * 1000) / 10);
  const loadAfter = loadavg();
  const rss = hosts.map((h) => rssMb(h.webPid));

  const dropped = [...feeds.values()].filter((f) => f.dropped).length;
  const openAtEnd = [...feeds.values()].filter((f) => !f.dropped && !f.closedByUs).length;
  const graded = newFeeds.filter((f) => f.statuses.at(-1) === "graded").length;
  const withProgress = newFeeds.filter((f) => f.sawProgress).length;
  for (const f of feeds.values()) f.close();
  await stopHosts(hosts);

  const secs = duration / 1000;
  const row = (name: string, l: Latencies, seconds: number | null): Row => ({ name, count: l.ms.length, p50: l.pct(50), p95: l.pct(95), p99: l.pct(99), non2xx: l.non2xx, errors: l.errors, rps: seconds ? Math.round((l.ms.length / seconds) * 10) / 10 : 0 });
  const rows: Row[] = [
    row(openRate > 0 ? `submission page, first load (${openRate}/s)` : "submission page, first load (10 at a time)", stats.pageFirst, openSeconds),
    row("live feed, open", stats.feedFirst, null),
    row("submission page, reload", stats.page, secs),
    row("GET /api/submissions/<id>", stats.api, secs),
    row("POST /api/submissions", stats.handIn, secs),
    row("submission page after hand-in", stats.pageAfterHandIn, secs),
    row("/instructor/gradebook", stats.gradebook, secs),
    row("leaderboard", stats.leaderboard, secs),
    row("real login (csrf + credentials)", stats.login, null),
  ];
  const aloneRows: Row[] = [
    row("submission page", alone.page, null),
    row("GET /api/submissions/<id>", alone.api, null),
    row("/instructor/gradebook", alone.gradebook, null),
    row("leaderboard", alone.leaderboard, null),
  ];
  const cannonErrors = totals.reduce((s, t) => s + t.errors + t.timeouts, 0);
  const summary = {
    label: opts.label || undefined,
    configuration: `${label}; ${opts.arrivals === "burst" ? "burst arrivals; " : ""}${Number(opts.workerConcurrency) > 0 ? `grading worker beside them (${opts.workerConcurrency} job at a time)` : "no grading worker on this machine"}`,
    at: new Date().toISOString(),
    load: { beforeMixed: loadBefore, afterMixed: loadAfter, idleFeeds: idleLoad, alone: aloneLoad },
    aloneRows,
    rows,
    socketErrorsAndTimeouts: cannonErrors,
    feeds: { open: students.length, sinceView: [...feeds.values()].filter((f) => f.since).length, droppedOrRefused: dropped, openAtEnd, newAfterHandIn: newFeeds.length, sawLiveProgress: withProgress, sawGraded: graded },
    idleFeedsCpuPercent: idleCpu,
    mixedCpuPercent: busyCpu,
    benchCpuPercent,
    webRssMb: rss,
    dbConnectionsMax: maxConnections,
    dbConnectionsWhat: database.kind === "sqlite" ? "open handles to the .db file across the installation's processes" : "pg_stat_activity rows for the database",
    seed: manifest.counts,
  };
  printSummary(summary);
  return summary;
}

const fmt = (v: number | null) => (v === null ? "—" : v < 10 ? v.toFixed(1) : String(Math.round(v)));

function printSummary(s: Awaited<ReturnType<typeof runConfiguration>> extends infer T ? T : never) {
  const lines = [
    "",
    `## ${s.configuration}${s.label ? ` — ${s.label}` : ""} (${s.at.slice(0, 16)}; load average ${s.load.beforeMixed} before the mixed load, ${s.load.afterMixed} after)`,
    "",
    `One request at a time, no other load from the bench (load average ${s.load.alone}):`,
    "",
    "| request | n | p50 ms | p95 ms | p99 ms | non-2xx | errors |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...s.aloneRows.map((r) => `| ${r.name} | ${r.count} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.non2xx} | ${r.errors} |`),
    "",
    "Under load:",
    "",
    "| request | n | p50 ms | p95 ms | p99 ms | non-2xx | errors | req/s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...s.rows.map((r) => `| ${r.name} | ${r.count} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.non2xx} | ${r.errors} | ${r.rps || ""} |`),
    "",
    `socket errors and timeouts (autocannon): ${s.socketErrorsAndTimeouts}`,
    `live feeds: ${s.feeds.open} opened (the last ${s.feeds.open}: ${s.feeds.sinceView} since the view their page showed), ${s.feeds.droppedOrRefused} dropped or refused, ${s.feeds.openAtEnd} open at the end; after hand-in ${s.feeds.newAfterHandIn} new feeds, ${s.feeds.sawLiveProgress} saw live progress, ${s.feeds.sawGraded} saw the grade within the run`,
    `web process CPU: ${s.idleFeedsCpuPercent.join(", ")}% with only the feeds open (load ${s.load.idleFeeds}); ${s.mixedCpuPercent.join(", ")}% under the mixed load; RSS ${s.webRssMb.join(", ")} MB; the load generator itself: ${s.benchCpuPercent}%`,
    `database connections (max): ${s.dbConnectionsMax} (${s.dbConnectionsWhat})`,
    `seed: ${s.seed.users} users, ${s.seed.submissions} graded submissions, ${s.seed.epochRows} epoch rows`,
    "",
  ];
  console.log(lines.join("\n"));
}

async function main() {
  fs.mkdirSync(benchDir, { recursive: true });
  const url = opts.database || `file:${path.join(benchDir, "treino.db")}`;
  const database = url.startsWith("file:") ? sqliteDatabase(url) : postgresDatabase(url);
  if (opts.build) execFileSync("bash", ["scripts/build-if-changed.sh"], { stdio: ["ignore", "inherit", "inherit"] });
  log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load ${loadavg()}`);
  const all = [];
  for (const n of processes) all.push(await runConfiguration(database, n));
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(all, null, 2));
}

main().catch(async (err) => {
  console.error(err);
  await stopHosts([...running]);
  process.exit(1);
});
