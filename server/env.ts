/**
 * The web app's and worker's settings, read once from the environment and validated with
 * zod (as create-t3-app does): a bad value fails at start, not in the middle of a request.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";

const root = process.cwd();
const dataDir = process.env.TREINO_DATA_DIR ?? path.join(root, ".data");

/** A secret generated once per installation and kept in the data folder. */
function persistedSecret(name: string): string {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, name);
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const value = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    }
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** `file:<path>`: SQLite, the embedded default; `postgresql://` (or `postgres://`): PostgreSQL (server/db). */
  DATABASE_URL: z
    .string()
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\/[^/\s]+/.test(v), "must be file:<path> (SQLite) or postgresql://user@host:port/database")
    .default(`file:${path.join(dataDir, "treino.db")}`),
  /** PostgreSQL only: connections per process (the web server, each worker and the similarity runner have their own pool). */
  TREINO_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Grading jobs at a time per worker; defaults to the number of cores. */
  TREINO_WORKER_CONCURRENCY: z.coerce.number().int().positive().optional(),
  /** `quick` grades on small data (tests, demos); `full` is the real thing. */
  TREINO_GRADING_PROFILE: z.enum(["full", "quick"]).default("full"),
  /** Failed logins per address and account that cost no wait (ten times as many per address). */
  TREINO_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** How long a failed login is remembered: a quiet address and account start over after it. */
  TREINO_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** The first wait once the free failures are used up; it doubles with each further failure. */
  TREINO_LOGIN_DELAY_SECONDS: z.coerce.number().positive().default(1),
  /** Set to spread grading over many machines through BullMQ (redis://host:6379). */
  REDIS_URL: z.string().url().optional(),
  /** Names this installation's queues in Redis, so several can share one server. */
  TREINO_QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default("treino"),
  /** A job whose worker stops renewing its lock for this long is taken to be orphaned. */
  TREINO_QUEUE_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Where invitation emails go out (smtp://user:pass@host:587 or smtps://...); unset: links are only shown to the instructor. */
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v), // an empty line in a .env file means unset
    z.string().url().refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://").optional(),
  ),
  /** The sender of invitation emails. */
  SMTP_FROM: z.string().min(3).max(200).default("Treino <treino@localhost>"),
  /** How long an invitation link works. */
  TREINO_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid settings:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
}

/**
 * Secrets every process of an installation must share, which one machine generates into its
 * data folder when they are unset. Several hosts (a database that is not a local file, or a host
 * started with TREINO_ROLE=web beside another) would each generate their own and silently
 * disagree: one host's sessions rejected by the next behind the load balancer, hidden test data
 * that differs between hosts. There they must come from the environment, or nothing starts.
 */
const SHARED_SECRETS = {
  NEXTAUTH_SECRET: "signs and encrypts the session cookies: a session made on one host must open on every other",
  TREINO_SECRET_SEED: "chooses the hidden test data: every host must grade and show the same",
} as const;

export function missingSharedSecrets(environment: Record<string, string | undefined>, databaseUrl: string): string | null {
  const severalHosts = !databaseUrl.startsWith("file:") || environment.TREINO_ROLE === "web";
  if (!severalHosts) return null;
  const missing = (Object.keys(SHARED_SECRETS) as (keyof typeof SHARED_SECRETS)[]).filter((name) => !environment[name]);
  if (missing.length === 0) return null;
  const why = !databaseUrl.startsWith("file:") ? `DATABASE_URL is a shared database (${databaseUrl.split(":")[0]}:)` : "TREINO_ROLE=web (one of several web hosts)";
  return [
    `Treino runs on several hosts here (${why}), so each of these must be set, to the same value on every host, instead of being generated into this host's data folder:`,
    ...missing.map((name) => `  ${name}: ${SHARED_SECRETS[name]}`),
    "Generate each once (e.g. `openssl rand -base64 32`) and give it to every host (docs/deployment.md).",
  ].join("\n");
}

const refusal = missingSharedSecrets(process.env, parsed.data.DATABASE_URL);
if (refusal) throw new Error(refusal);

export const env = {
  ...parsed.data,
  NEXTAUTH_SECRET: parsed.data.NEXTAUTH_SECRET ?? persistedSecret("auth-secret"),
  DATA_DIR: dataDir,
};
