// Secrets every process of an installation must share, which one machine generates into its
// data folder when they are unset (server/env.ts, grader/data/secret.ts). Several hosts (a
// database that is not a local file, or a host started with TREINO_ROLE=web beside another)
// would each generate their own and silently disagree: sessions made on one host rejected by
// the next behind the load balancer, hidden test data that differs between hosts. There they
// must come from the environment, or nothing starts. Plain JavaScript, so that
// scripts/web-server.mjs refuses at start, before it serves a single request.

const SHARED_SECRETS = {
  NEXTAUTH_SECRET: "signs and encrypts the session cookies: a session made on one host must open on every other",
  TREINO_SECRET_SEED: "chooses the hidden test data: every host must grade and show the same",
};

/** Why this process must not start (a message naming each missing secret), or null. */
export function missingSharedSecrets(environment, databaseUrl = environment.DATABASE_URL || "file:") {
  const sharedDatabase = !databaseUrl.startsWith("file:");
  if (!sharedDatabase && environment.TREINO_ROLE !== "web") return null;
  const missing = Object.keys(SHARED_SECRETS).filter((name) => !environment[name]);
  if (missing.length === 0) return null;
  // The scheme only: never the URL's host or credentials.
  const why = sharedDatabase ? `DATABASE_URL is a shared database (${databaseUrl.split(":")[0]}:)` : "TREINO_ROLE=web (one of several web hosts)";
  return [
    `Treino runs on several hosts here (${why}), so each of these must be set, to the same value on every host, instead of being generated into this host's data folder:`,
    ...missing.map((name) => `  ${name}: ${SHARED_SECRETS[name]}`),
    "Generate each once (e.g. `openssl rand -base64 32`) and give it to every host (docs/deployment.md).",
  ].join("\n");
}
