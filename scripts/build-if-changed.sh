#!/usr/bin/env bash
# Builds the web app unless the current build was made from exactly these sources
# (the commit, uncommitted changes and untracked files all count). Without git: always builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 # nothing leaves the machine

if git rev-parse HEAD >/dev/null 2>&1; then
  rev="$( { git rev-parse HEAD; git diff HEAD; git ls-files -o --exclude-standard | sort | xargs -r md5sum; } | md5sum | cut -c1-32)"
else
  rev="no-git-$(date +%s)"
fi
if [ -f .next/BUILD_ID ] && [ "$(cat .next/treino-rev 2>/dev/null)" = "$rev" ]; then
  exit 0
fi
node node_modules/next/dist/bin/next build
echo "$rev" > .next/treino-rev
