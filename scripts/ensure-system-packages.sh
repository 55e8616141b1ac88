#!/usr/bin/env bash
# Installs the Debian packages Treino's grader and tests need, when missing:
#   bubblewrap  the namespace sandbox for student code
#   chromium    the browser for end-to-end tests (never a downloaded one)
#   g++, make, python3
#               the fused recurrent kernels (native/rnn), built by node-gyp at install;
#               without them recurrent layers train on stock tfjs
#   gcc         the layer tests' attack program (tests/sandbox/attack-helper.c)
# Needs root (or sudo) and Debian's package mirror; prints what to do otherwise.
set -euo pipefail

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 || need+=(util-linux)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ "${TREINO_SKIP_BROWSER:-0}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "treino: installing system packages: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "treino: please install as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
