#!/usr/bin/env bash
# Makes sure a PostgreSQL answers on 127.0.0.1:5432 for the tests on PostgreSQL (`npm test`'s
# second database run, vitest.postgres.config.mts): starts the machine's cluster if it is
# installed but down, installs it (Debian) if it is missing.
#
# A cluster this script installs is made for tests: connections from 127.0.0.1 are trusted
# (no password) and a database `test` is created, which is what the tests' default
# TREINO_TEST_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432/test) expects. A cluster that
# was already there is only started, never reconfigured: point TREINO_TEST_POSTGRES_URL at it.
set -euo pipefail

ready() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
command -v pg_isready >/dev/null 2>&1 && ready && exit 0

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

installed_here=0
if ! ls -d /etc/postgresql/*/main >/dev/null 2>&1; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
  installed_here=1
fi
version="$(ls /etc/postgresql | sort -V | tail -1)"
if [ "$installed_here" = 1 ]; then
  # Tests only: trust local TCP connections, ahead of the rules Debian wrote.
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi
# Debian's cluster wrapper; without systemd in a container, start it directly.
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 100); do ready && break; sleep 0.1; done
if ! ready; then
  echo "treino: PostgreSQL did not start (see /var/log/postgresql/postgresql-$version-main.log)" >&2
  exit 1
fi
if [ "$installed_here" = 1 ]; then
  as_postgres psql -q -h 127.0.0.1 -d postgres -c 'CREATE DATABASE test' >/dev/null
fi
