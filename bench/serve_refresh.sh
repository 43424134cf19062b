#!/usr/bin/env bash
# bench/serve_refresh.sh -- how long fil serve's refreshes take (issue 5),
# for one or more builds in alternating runs. Each run: a copy of the 100k
# store, the server started (--refresh 1) and idle after its first full
# refresh, then for each file of bench/serve.sh's posted articles in turn
# (live, backfill, steady, steady-two), its posts in batches of 500 from
# one client, no readers, then the refreshes they cost: the time
# fil_refresh_seconds_total in /metrics grew by from the first post until
# fil_refresh_pending_articles is 0 again (one refresh after the posts,
# with any that fell among them; builds without that metric: until the
# next refresh has come).
# Usage: bash bench/serve_refresh.sh [-n RUNS] FIL... (RUNS default 2;
# needs build/bench/serve-100000.db and build/bench/posted-*.jsonl, which
# make bench-serve makes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/serve_lib.sh"
bench_runs 2 "$@"
shift "$shifted"
out="$root/build/bench"
phases="live backfill steady steady-two"
for p in $phases; do
  [ -s "$out/posted-$p.jsonl" ] || { echo "$0: $out/posted-$p.jsonl missing (make bench-serve)" >&2; exit 1; }
done

one_run() {
  local fil=$1 run="$out/refresh-run.db" line="$1:"
  serve_copy "$fil" "$out/serve-100000.db" "$run" "$out/refresh-serve.log" --refresh 1
  for p in $phases; do
    local n seconds
    n=$(metric "$base" fil_refreshes_total)
    seconds=$(metric "$base" fil_refresh_seconds_total)
    python3 - "$base" "$out/posted-$p.jsonl" <<'PY'
import sys, urllib.request
base, path = sys.argv[1], sys.argv[2]
lines = open(path, "rb").read().splitlines(keepends=True)
for i in range(0, len(lines), 500):
    req = urllib.request.Request(base + "/api/articles", data=b"".join(lines[i:i + 500]),
                                 method="POST")
    urllib.request.urlopen(req, timeout=600).read()
PY
    if [ -n "$(metric "$base" fil_refresh_pending_articles)" ]; then
      until [ "$(metric "$base" fil_refresh_pending_articles)" = 0 ]; do sleep 0.1; done
    else # a build before that metric: the next refresh
      until [ "$(metric "$base" fil_refreshes_total)" -gt "$n" ]; do sleep 0.1; done
    fi
    line="$line $p $(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' \
      "$seconds" "$(metric "$base" fil_refresh_seconds_total)") s"
  done
  kill "$pid"
  wait "$pid" || true
  rm -f "$run" "$run-wal" "$run-shm"
  echo "$line"
}

for _ in $(seq "$runs"); do
  for fil in "$@"; do
    one_run "$fil"
  done
done
