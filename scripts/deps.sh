#!/usr/bin/env bash
# scripts/deps.sh -- the single list of what fil needs from Debian's archive.
# Idempotent: installs only what is missing. Run as root (or with sudo present).
set -euo pipefail

# Build and library dependencies (DESIGN.md, "Dependencies"); python3, which
# the end-to-end tests and `make demo` use to read JSON; clang-format and git
# for the layout check (tests/e2e/format.sh); iso-codes, whose country and
# region names are compiled into the entity gazetteer; SQLite (the store)
# and libevent (fil serve's HTTP).
BUILD_PKGS=(build-essential cmake ninja-build pkg-config python3 clang-format git
            libutf8proc-dev libstemmer-dev libcld2-dev libcjson-dev libxxhash-dev
            iso-codes libxml2-dev zlib1g-dev libsqlite3-dev libevent-dev)
# The browser test of `fil serve`'s page (tests/browser/browse.mjs) drives
# Debian's chromium through playwright-core, which npm fetches into
# tests/browser/node_modules from the committed package-lock.json (below).
TEST_PKGS=(chromium)
# Used only by `make bench` (peer baseline, timing; xmllint is the
# yardstick of bench/extract.sh; wrk loads fil serve in bench/serve.sh;
# valgrind counts instructions in bench/stories.sh with CALLGRIND=1).
BENCH_PKGS=(python3-sklearn time libxml2-utils wrk valgrind)
# Used only by `make fuzz` and the CI fuzz smoke run: clang and its
# libFuzzer, ASan and UBSan runtimes (fuzz/run.sh).
FUZZ_PKGS=(clang libclang-rt-14-dev)

want=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}")
command -v npm >/dev/null 2>&1 || want+=(npm)
if [ "${1:-}" = "--bench" ]; then want+=("${BENCH_PKGS[@]}"); fi
if [ "${1:-}" = "--fuzz" ]; then want+=("${FUZZ_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "deps.sh: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core for the browser test, exactly as locked; only when missing
# (npm ci would wipe and refetch it every time). It downloads no browser.
browser_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "deps.sh: npm ci in tests/browser" >&2
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
