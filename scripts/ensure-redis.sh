#!/usr/bin/env bash
# Makes sure a Redis answers on 127.0.0.1:6379 for the distributed queue's tests: starts the
# machine's redis-server if it is installed but down, installs it (Debian) if it is missing.
set -euo pipefail

redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0
if ! command -v redis-server >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq redis-server >/dev/null
fi
dir="${TMPDIR:-/tmp}/treino-redis"
mkdir -p "$dir"
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir "$dir" --logfile "$dir/redis.log"
for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && exit 0; sleep 0.1; done
echo "treino: Redis did not start (see $dir/redis.log)" >&2
exit 1
