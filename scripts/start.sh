#!/usr/bin/env bash
# `npm start`: sets up and starts Treino on its embedded default (SQLite, one machine), or on
# the PostgreSQL database DATABASE_URL names (postgresql://...).
# Installs what is missing, applies migrations, seeds the demo course (printing its accounts),
# builds the web app when the code changed, then runs the web server and the grading worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 # nothing leaves the machine

TREINO_SKIP_BROWSER=1 bash scripts/ensure-system-packages.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=notice
fi
node native/rnn/build.mjs --if-changed

export TREINO_DATA_DIR="${TREINO_DATA_DIR:-$PWD/.data}"
node node_modules/tsx/dist/cli.mjs scripts/setup.ts
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-$(cat "$TREINO_DATA_DIR/auth-secret")}"
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"

bash scripts/build-if-changed.sh

exec node scripts/serve.mjs
