/**
 * The web app's and worker's settings, read once from the environment and validated with
 * zod (as create-t3-app does): a bad value fails at start, not in the middle of a request.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { missingSharedSecrets } from "./shared-secrets.mjs";

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

// Several hosts: the secrets they share come from the environment, never from this host's data folder.
const refusal = missingSharedSecrets(process.env, parsed.data.DATABASE_URL);
if (refusal) throw new Error(refusal);

export const env = {
  ...parsed.data,
  NEXTAUTH_SECRET: parsed.data.NEXTAUTH_SECRET ?? persistedSecret("auth-secret"),
  DATA_DIR: dataDir,
};
