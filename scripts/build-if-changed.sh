#!/usr/bin/env bash
# Builds the web app (and the browser practice bundle) unless the current build was made from exactly these sources
# (the commit, uncommitted changes and untracked files all count). Without git: always builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 # nothing leaves the machine

if git rev-parse HEAD >/dev/null 2>&1; then
  rev="$( { git rev-parse HEAD; git diff HEAD; git ls-files -o --exclude-standard | sort | xargs -r md5sum; } | md5sum | cut -c1-32)"
else
  rev="no-git-$(date +%s)"
fi
# The browser practice bundle (scripts/build-practice.ts) is built with the app: complete, or rebuilt.
practice_complete() {
  node -e 'const fs = require("fs"); const m = JSON.parse(fs.readFileSync(".cache/practice/current.json", "utf8"));
    process.exit(Object.keys(m.files).every((f) => fs.existsSync(`.cache/practice/${m.hash}/${f}`)) ? 0 : 1)' 2>/dev/null
}
if [ -f .next/BUILD_ID ] && [ "$(cat .next/treino-rev 2>/dev/null)" = "$rev" ] && practice_complete; then
  exit 0
fi
node node_modules/tsx/dist/cli.mjs scripts/build-practice.ts
node node_modules/next/dist/bin/next build
echo "$rev" > .next/treino-rev
