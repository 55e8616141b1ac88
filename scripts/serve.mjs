// Runs the web server (scripts/web-server.mjs), the grading worker and the similarity runner side by side (and, with
// REDIS_URL, the collector that stores results from remote workers); a worker that dies is restarted,
// and SIGINT/SIGTERM stop both (the worker hands its running jobs back first).
//
// TREINO_ROLE says what this host runs (docs/deployment.md, "Several web hosts"):
//   all (default)  the web server, a grading worker (unless TREINO_LOCAL_WORKER=0), the similarity
//                  runner, and with REDIS_URL the collector: one machine, or the first web host;
//   web            the web server, and with REDIS_URL the collector (collectors on several hosts
//                  store each result once: server/submissions/store-result.ts): a further web host
//                  behind the load balancer, on the same database (and Redis) as the first.
import { spawn } from "node:child_process";

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const role = process.env.TREINO_ROLE || "all";
if (!["all", "web"].includes(role)) {
  console.error(`[serve] TREINO_ROLE=${role}: expected "all" (web server, grading worker, similarity runner) or "web" (web server and collector only)`);
  process.exit(1);
}
const children = new Set();
let stopping = false;

function run(name, cmd, args, { restart, env = {} }) {
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (stopping) return;
    if (restart) {
      console.error(`[serve] ${name} exited (${signal ?? code}); restarting in 2 s`);
      setTimeout(() => run(name, cmd, args, { restart, env }), 2000);
    } else {
      console.error(`[serve] ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
}

function stop(code) {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  const force = setTimeout(() => { for (const c of children) c.kill("SIGKILL"); process.exit(code); }, 15000);
  const check = setInterval(() => { if (children.size === 0) { clearInterval(check); clearTimeout(force); process.exit(code); } }, 100);
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// The built Next.js app behind our own HTTP server, which decides each request's client address
// (scripts/web-server.mjs).
run("web", process.execPath, ["scripts/web-server.mjs"], { restart: false, env: { HOST: host, PORT: port } });
if (role === "all" && process.env.TREINO_LOCAL_WORKER !== "0") {
  run("worker", process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/worker/main.ts"], { restart: true });
}
// The code similarity report's analyses (server/similarity): on the web host, beside the web
// server, in a process of its own so a large class never holds up a request.
if (role === "all") run("similarity", process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/similarity/main.ts"], { restart: true });
// With BullMQ, workers anywhere send results through Redis; the collector stores them here.
if (process.env.REDIS_URL) {
  run("collector", process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/queue/bullmq/collector-main.ts"], { restart: true });
}
console.log(`[serve] Treino on http://${host === "0.0.0.0" ? "localhost" : host}:${port}${role === "web" ? " (TREINO_ROLE=web: no grading worker, no similarity runner here)" : ""}`);
