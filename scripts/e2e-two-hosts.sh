#!/usr/bin/env bash
# Two web hosts on one PostgreSQL, for e2e/two-hosts/: host A runs everything (web server,
# grading worker, similarity runner), host B only the web server (TREINO_ROLE=web), as a second
# machine behind a load balancer would (docs/deployment.md). Each has its own data folder; they
# share only the database and the secrets, as separate machines would. The database
# (treino_e2e_two_hosts on TREINO_TEST_POSTGRES_URL's server) is made afresh for each run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-postgres.sh
server="${TREINO_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
database_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/treino_e2e_two_hosts"; console.log(u.toString())' "$server")"
SERVER_URL="$server" node -e '
  const { Client } = require("pg");
  (async () => {
    const c = new Client({ connectionString: process.env.SERVER_URL });
    await c.connect();
    await c.query("DROP DATABASE IF EXISTS treino_e2e_two_hosts WITH (FORCE)");
    await c.query("CREATE DATABASE treino_e2e_two_hosts");
    await c.end();
  })().catch((err) => { console.error(err.message); process.exit(1); });'

export DATABASE_URL="$database_url"
export TREINO_JOIN_CODE="E2E-JOIN-2026"
export TREINO_GRADING_PROFILE=quick
# Shared by every host, as the deployment guide says: sessions and hidden data must agree.
export NEXTAUTH_SECRET="e2e-two-hosts-shared-session-secret"
export TREINO_SECRET_SEED="e2e-two-hosts-secret-seed"
export TREINO_TRUSTED_PROXIES="127.0.0.1,::1"
PORT_A="${E2E_PORT_A:-3110}"
PORT_B="${E2E_PORT_B:-3111}"
data="$PWD/.data/e2e-two-hosts"
rm -rf "$data"

TREINO_DATA_DIR="$data/a" node node_modules/tsx/dist/cli.mjs scripts/setup.ts
bash scripts/build-if-changed.sh

TREINO_DATA_DIR="$data/a" PORT="$PORT_A" NEXTAUTH_URL="http://127.0.0.1:$PORT_A" node scripts/serve.mjs &
host_a=$!
trap 'kill $host_a 2>/dev/null || true' EXIT
TREINO_DATA_DIR="$data/b" TREINO_ROLE=web PORT="$PORT_B" NEXTAUTH_URL="http://127.0.0.1:$PORT_B" node scripts/serve.mjs
