#!/usr/bin/env bash
# A throwaway Treino for the end-to-end tests: its own data folder (fresh each run), a known
# join code, the quick grading profile, the same build as `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 # nothing leaves the machine

# TREINO_E2E_DATA_DIR: another folder, for a benchmark running beside the tests (bench/practice-browser.ts).
export TREINO_DATA_DIR="${TREINO_E2E_DATA_DIR:-$PWD/.data/e2e}"
rm -rf "$TREINO_DATA_DIR"
export DATABASE_URL="file:$TREINO_DATA_DIR/treino.db"
export TREINO_JOIN_CODE="E2E-JOIN-2026"
export TREINO_GRADING_PROFILE=quick
export TREINO_SECRET_SEED="e2e-secret-seed"
export PORT="${PORT:-3100}"
export NEXTAUTH_URL="http://127.0.0.1:$PORT"
# The login rate-limit test: 3 free failures, then a first wait of 10 minutes, long enough that
# the test sees the refusal without racing a clock.
export TREINO_LOGIN_MAX_FAILURES=3 TREINO_LOGIN_WINDOW_MINUTES=10 TREINO_LOGIN_DELAY_SECONDS=600
# The tests play a reverse proxy on loopback: their X-Forwarded-For names the client, as
# nginx's would (scripts/web-server.mjs reads it only on connections from these addresses).
export TREINO_TRUSTED_PROXIES="127.0.0.1,::1"

node node_modules/tsx/dist/cli.mjs scripts/setup.ts
export NEXTAUTH_SECRET="$(cat "$TREINO_DATA_DIR/auth-secret")"

bash scripts/build-if-changed.sh
exec node scripts/serve.mjs
