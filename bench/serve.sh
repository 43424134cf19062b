#!/usr/bin/env bash
# bench/serve.sh -- fil serve under load (issue 5), loopback only, one run:
#   1. reads: wrk on GET /api/events over a store of the 100k synthetic
#      stream (made first with fil ingest if missing: its time is reported),
#      once as readers send it (answered from the cache until the next
#      refresh) and once with a query parameter that changes each time
#      (bench/uncached.lua: every answer read from SQLite);
#   2. ingest while reading: POST /api/articles batches of new articles
#      (the stream of seed 2, ids prefixed "post-") from one client, while
#      wrk keeps reading /api/events; articles/s is what the POST client
#      saw, start to end, and the reads' rate and latency during it. An
#      eighth of the posted articles come after the stored ones (live), an
#      eighth among them (backfill), both while wrk reads as fast as it is
#      answered (on two cores, wrk and the event loop take about one);
#      three eighths after those (steady) while the readers pace
#      themselves (bench/paced.lua: at most about 800 requests/s); the
#      last three eighths a month later in the same way, but from two
#      clients that post at once (steady-two: several feeds), so that the
#      writer need not idle while one client reads its answer and sends
#      the next batch. The steady phases are long (some 15 s) so that the
#      refreshes of events they cause fall inside them and are paid in
#      their rates.
# Usage: FIL=build/release/fil bash bench/serve.sh [ARTICLES] [POSTED]
# (defaults 100000 and 80000, POSTED split between the four phases). Needs wrk (scripts/deps.sh --bench).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
: "${FIL:=$root/build/release/fil}"
n=${1:-100000}
posted=${2:-80000}
out="$root/build/bench"
mkdir -p "$out"
gen="$root/build/release/gen_stream"
stream="$out/stream-$n.jsonl"
db="$out/serve-$n.db"
[ -s "$stream" ] || "$gen" "$n" --seed 1 > "$stream"

if [ ! -s "$db" ]; then
  start=$(date +%s.%N)
  "$FIL" ingest --db "$db" --no-progress "$stream" > /dev/null
  end=$(date +%s.%N)
  python3 -c 'import sys; n, a, b = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"ingest: {n} articles into {sys.argv[4]} in {b - a:.1f} s ({n / (b - a):.0f} articles/s)")' \
    "$n" "$start" "$end" "$db"
fi
# Each run of the bench posts the same new articles: start from a copy.
cp "$db" "$out/serve-run.db"
rm -f "$out/serve-run.db-wal" "$out/serve-run.db-shm"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
start=$(date +%s.%N)
"$FIL" serve --db "$out/serve-run.db" --port "$port" --no-progress > "$out/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until curl -sf "$base/healthz" > /dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/serve.log"; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
python3 -c 'import sys; print(f"serve: ready after {float(sys.argv[2]) - float(sys.argv[1]):.1f} s (replay of the store)")' "$start" "$end"
curl -s "$base/healthz"
# The writer thread describes every event once after the start; the reads
# are measured after it.
until curl -s "$base/metrics" | grep -q '^fil_refreshes_total [1-9]'; do sleep 0.5; done
end=$(date +%s.%N)
python3 -c 'import sys; print(f"serve: first full refresh done after {float(sys.argv[2]) - float(sys.argv[1]):.1f} s")' "$start" "$end"

# wrk's summary line of requests/s and its 99th percentile.
summary() {
  python3 -c 'import re, sys
t = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(f"{sys.argv[2]}: {float(rps):.0f} requests/s, p99 {float(p99.group(1)) * scale:.1f} ms,"
      f" non-2xx {errors.group(1) if errors else 0}")' "$1" "$2"
}

wrk -t2 -c32 -d20s --latency "$base/api/events" > "$out/wrk-events.txt"
summary "$out/wrk-events.txt" "GET /api/events (32 connections, 20 s)"
wrk -t2 -c32 -d20s --latency -s "$here/uncached.lua" "$base/api/events" > "$out/wrk-uncached.txt"
summary "$out/wrk-uncached.txt" "GET /api/events, every answer read from the store (uncached.lua)"

# New articles: the stream of seed 2 with ids of their own, in phases.
# Live: their times moved two months on, after every stored article, as
# a feed that goes on brings them. Backfill: their own times, inside the
# stored month, so new events fall among the old ones and the storylines
# after them are numbered again (more to rewrite at each refresh).
# Steady and steady-two: three and four months on.
"$gen" "$posted" --seed 2 | sed 's/"id":"syn-/"id":"post-/' > "$out/posted.jsonl"
eighth=$((posted / 8))
head -n "$eighth" "$out/posted.jsonl" | sed 's/"published":"2026-01-/"published":"2026-03-/' \
  > "$out/posted-live.jsonl"
sed -n "$((eighth + 1)),$((2 * eighth))p" "$out/posted.jsonl" > "$out/posted-backfill.jsonl"
sed -n "$((2 * eighth + 1)),$((5 * eighth))p" "$out/posted.jsonl" |
  sed 's/"published":"2026-01-/"published":"2026-04-/' > "$out/posted-steady.jsonl"
tail -n +"$((5 * eighth + 1))" "$out/posted.jsonl" |
  sed 's/"published":"2026-01-/"published":"2026-05-/' > "$out/posted-steady-two.jsonl"

# post_phase NAME FILE CLIENTS [WRK-ARGS]: posts FILE in batches of 500
# from CLIENTS clients at once (client k posts batches k, k + CLIENTS, ...)
# while wrk reads /api/events; prints the articles/s the clients saw
# together and the reads.
post_phase() {
  wrk -t1 -c8 -d600s --latency ${4:-} "$base/api/events" > "$out/wrk-during-$1.txt" &
  local wrkpid=$!
  python3 - "$base" "$2" "$1" "$3" <<'EOF'
import json, sys, threading, time, urllib.request
base, path, name, clients = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = open(path, "rb").read().splitlines(keepends=True)
batch = 500
batches = [b"".join(lines[i:i + batch]) for i in range(0, len(lines), batch)]
accepted, slowest = [0] * clients, [0.0] * clients
def post(k):
    for body in batches[k::clients]:
        t = time.monotonic()
        req = urllib.request.Request(base + "/api/articles", data=body, method="POST")
        with urllib.request.urlopen(req, timeout=600) as r:
            accepted[k] += json.load(r)["accepted"]
        slowest[k] = max(slowest[k], time.monotonic() - t)
threads = [threading.Thread(target=post, args=(k,)) for k in range(clients)]
start = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.monotonic() - start
who = "one client" if clients == 1 else f"{clients} clients"
print(f"POST /api/articles, {name}: {sum(accepted)} articles in batches of {batch} from {who}"
      f" in {took:.1f} s ({sum(accepted) / took:.0f} articles/s, slowest answer"
      f" {max(slowest):.2f} s) while reads went on")
EOF
  kill -INT "$wrkpid"
  wait "$wrkpid" || true
  summary "$out/wrk-during-$1.txt" "GET /api/events during the $1 ingest (8 connections)"
  curl -s "$base/metrics" | grep -E '^fil_(refresh|writer|search)' | tr '\n' ' '
  echo
}
post_phase live "$out/posted-live.jsonl" 1
post_phase backfill "$out/posted-backfill.jsonl" 1
post_phase steady "$out/posted-steady.jsonl" 1 "-s $here/paced.lua"
post_phase steady-two "$out/posted-steady-two.jsonl" 2 "-s $here/paced.lua"
# The full-text index trails ingest while the cores are busy (its thread
# runs at a lower priority): how long search takes to catch up after it.
start=$(date +%s.%N)
behind=$(curl -s "$base/metrics" | awk '$1 == "fil_search_unindexed_articles" {print $2}')
until curl -s "$base/metrics" | grep -q '^fil_search_unindexed_articles 0$'; do sleep 0.1; done
python3 -c 'import sys; print(f"search: {sys.argv[3]} articles not yet searchable after the posts, all searchable {float(sys.argv[2]) - float(sys.argv[1]):.1f} s later")' \
  "$start" "$(date +%s.%N)" "$behind"
curl -s "$base/healthz"
curl -s "$base/metrics" | grep -E '^fil_cache'
