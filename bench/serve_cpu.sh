#!/usr/bin/env bash
# bench/serve_cpu.sh -- CPU time of fil serve per POSTed article (issue 5),
# for one or more builds in alternating runs, so that a build is judged by
# the CPU it spends rather than by wall-clock rates that drift when
# another job shares the machine. Each run: a copy of the store, the
# server started and idle after its first full refresh, then POSTED new
# articles (the stream of seed 2, "post-" ids, times two months on, as
# bench/serve.sh's live phase) in batches of BATCH from one client, no
# readers; the server's utime+stime from /proc/PID/stat before the first
# post and once it is idle again (so the indexer's chunks and the
# refreshes the posts cause are counted), per thread as well.
# With READS=1, wrk (one thread, 8 connections) reads /api/events as fast
# as it is answered while the posts go on, and each run also reports the
# articles/s the posting client saw; with INSIDE=1 the posted articles keep
# their own times, inside the stored month (bench/serve.sh's backfill).
# (With READS=1 the CPU figures include answering the reads.)
# Usage: bash bench/serve_cpu.sh [-n RUNS] FIL... (RUNS default 3; needs
# the store build/bench/serve-100000.db that bench/serve.sh makes), e.g.
#   READS=1 INSIDE=1 POSTED=10000 bash bench/serve_cpu.sh -n 3 old/fil build/release/fil
# Caveat: clock ticks are 10 ms, and between runs of one build the figure
# still moves by 10-20% on a shared 2-core machine: compare many runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/serve_lib.sh"
bench_runs 3 "$@"
shift "$shifted"
: "${POSTED:=6000}" "${BATCH:=500}" "${READS:=0}" "${INSIDE:=0}"
out="$root/build/bench"
db="$out/serve-100000.db"
[ -s "$db" ] || { echo "$0: $db missing (make bench-serve makes it)" >&2; exit 1; }
months='s/"published":"2026-01-/"published":"2026-03-/'
[ "$INSIDE" = 1 ] && months=''
"$root/build/release/gen_stream" "$POSTED" --seed 2 |
  sed "s/\"id\":\"syn-/\"id\":\"post-/; $months" > "$out/cpu-posted.jsonl"

# The process's CPU ticks, then each thread's (ordered by thread id).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() {
  for t in $(ls "/proc/$1/task" | sort -n); do printf '%s ' "$(ticks "$1/task/$t")"; done
}
# Waits until the process spends no CPU for 1.5 s.
idle() {
  local a b
  a=$(ticks "$1")
  while :; do
    sleep 1.5
    b=$(ticks "$1")
    [ "$a" = "$b" ] && break
    a=$b
  done
}

one_run() {
  local fil=$1 run="$out/cpu-run.db" t0 t1 threads0 threads1
  serve_copy "$fil" "$db" "$run" "$out/cpu-serve.log"
  idle "$pid"
  t0=$(ticks "$pid")
  threads0=$(thread_ticks "$pid")
  local wrkpid=
  if [ "$READS" = 1 ]; then
    wrk -t1 -c8 -d600s "$base/api/events" > /dev/null &
    wrkpid=$!
  fi
  python3 - "$base" "$out/cpu-posted.jsonl" "$BATCH" "$fil" <<'PY'
import json, sys, time, urllib.request
base, path, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(path, "rb").read().splitlines(keepends=True)
accepted, start = 0, time.monotonic()
for i in range(0, len(lines), batch):
    req = urllib.request.Request(base + "/api/articles", data=b"".join(lines[i:i + batch]),
                                 method="POST")
    with urllib.request.urlopen(req, timeout=600) as r:
        accepted += json.load(r)["accepted"]
assert accepted == len(lines), (accepted, len(lines))
took = time.monotonic() - start
print(f"{sys.argv[4]}: {accepted} articles posted in {took:.2f} s ({accepted / took:.0f} articles/s)")
PY
  [ -z "$wrkpid" ] || { kill -INT "$wrkpid"; wait "$wrkpid" || true; }
  idle "$pid"
  t1=$(ticks "$pid")
  threads1=$(thread_ticks "$pid")
  kill "$pid"
  wait "$pid" || true
  rm -f "$run" "$run-wal" "$run-shm"
  python3 -c 'import sys
ticks, n, hz = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[6])
before, after = sys.argv[4].split(), sys.argv[5].split()
per = " ".join(f"{(int(b) - int(a)) * 1e6 / hz / n:.0f}" for a, b in zip(before, after))
print(f"{sys.argv[1]}: {ticks * 1e6 / hz / n:.0f} us CPU per posted article (threads: {per})")' \
    "$fil" "$((t1 - t0))" "$POSTED" "$threads0" "$threads1" "$(getconf CLK_TCK)"
}

for _ in $(seq "$runs"); do
  for fil in "$@"; do
    one_run "$fil"
  done
done
