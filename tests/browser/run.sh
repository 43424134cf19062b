#!/usr/bin/env bash
# tests/browser/run.sh -- the browser test end to end (issue 5): ingest
# examples/ into a fresh database, start `fil serve` on a free loopback
# port, drive the page with browse.mjs, stop the server.
#
# Environment, as for tests/e2e/: FIL (the fil binary), FIL_SOURCE_DIR (the
# repository), WORK (scratch directory, created); SCREENSHOT_DIR (default
# $FIL_SOURCE_DIR/build/screenshots) and CHROMIUM (default /usr/bin/chromium)
# are optional. Exit status: browse.mjs's (0 all checks held, 1 one did
# not), or 1 when the database or the server cannot be made ready; the
# server's log is printed on failure. Needs node, chromium and
# tests/browser/node_modules (scripts/deps.sh installs all three).
set -euo pipefail
: "${FIL:?FIL must name the fil binary}" "${FIL_SOURCE_DIR:?}" "${WORK:?}"
dir="$FIL_SOURCE_DIR/tests/browser"
shots="${SCREENSHOT_DIR:-$FIL_SOURCE_DIR/build/screenshots}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -d "$dir/node_modules/playwright-core" ]; then
  echo "browser: playwright-core is missing: run scripts/deps.sh" >&2
  exit 1
fi
if [ ! -x "$chromium" ]; then
  echo "browser: $chromium not found: run scripts/deps.sh" >&2
  exit 1
fi

mkdir -p "$WORK"
db="$WORK/browser.db"
log="$WORK/browser-serve.log"
rm -f "$db" "$db-wal" "$db-shm"
if ! "$FIL" ingest --db "$db" < "$FIL_SOURCE_DIR/examples/articles.jsonl" > "$WORK/browser-ingest.log" 2>&1; then
  echo "browser: fil ingest failed:" >&2
  cat "$WORK/browser-ingest.log" >&2
  exit 1
fi

# A port the kernel just handed out and took back: free unless another
# process grabs it in the next instant, which a retry would not fix anyway.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$FIL" serve --db "$db" --port "$port" > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

base="http://127.0.0.1:$port"
ready=0
for _ in $(seq 1 100); do  # 10 s at most
  if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
       "$base/healthz" 2>/dev/null; then
    ready=1
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [ "$ready" -ne 1 ]; then
  echo "browser: fil serve did not answer on $base/healthz:" >&2
  cat "$log" >&2
  exit 1
fi

status=0
CHROMIUM="$chromium" node "$dir/browse.mjs" "$base" "$shots" || status=$?
if [ "$status" -ne 0 ]; then
  echo "browser: server log:" >&2
  cat "$log" >&2
fi
exit "$status"
