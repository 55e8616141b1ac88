#!/usr/bin/env bash
# `npm test`: every test of Treino, installing first whatever they need.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh
bash scripts/ensure-redis.sh
# Install or refresh dependencies when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=notice
fi
# The fused recurrent kernels, rebuilt when their sources changed since install.
node native/rnn/build.mjs --if-changed

# Unit and integration tests on SQLite (the embedded default); the tests that touch the database
# again on PostgreSQL (a fresh database per test file on 127.0.0.1:5432, or
# TREINO_TEST_POSTGRES_URL's server: vitest.postgres.config.mts); then the browser tests
# (Debian's Chromium, a throwaway server), and two web hosts on one PostgreSQL.
npx vitest run
bash scripts/ensure-postgres.sh
npx vitest run --config vitest.postgres.config.mts
npx playwright test
# Two web hosts on one PostgreSQL: a hand-in through one, its grading watched live through the other.
npx playwright test --config playwright.two-hosts.config.ts
