#!/usr/bin/env bash
# bench/stories.sh -- what the story stage adds to `fil cluster` (`make bench-stories`).
#
#   bash bench/stories.sh [N]            default N: 100000
#
# Environment: FIL (binary, default build/release/fil), SEED (generator seed,
# default 1), ROUNDS (timed rounds, default 4), CALLGRIND (1: also count
# instructions under valgrind, some 15 minutes at 100k; default 0).
#
# On the synthetic stream of N articles (bench/gen_stream.c, cached in
# build/bench/ as bench/run.sh makes it), runs `fil cluster` and
# `fil cluster --stories` at the same time, one on each of two cores, the
# cores swapped every round, and reports user + system CPU of each, their
# ratio per round and in sum, and peak RSS. Running the two side by side
# gives both the same machine at the same moment: on a shared host, runs
# one after the other moved by 15 points between minutes, side by side by
# 2. With CALLGRIND=1 it also reports the instruction counts of the two
# (valgrind --tool=callgrind, its "Collected" total), which do not move with
# the machine at all. The report goes to stdout and to
# build/bench/stories-report.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

FIL=${FIL:-build/release/fil}
SEED=${SEED:-1}
ROUNDS=${ROUNDS:-4}
CALLGRIND=${CALLGRIND:-0}
N=${1:-100000}
OUT=build/bench
REPORT=$OUT/stories-report.txt
STREAM=$OUT/stream-$N.jsonl
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "stories.sh: bad size '$N'" >&2; exit 2; }
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "stories.sh: bad ROUNDS '$ROUNDS'" >&2; exit 2; }
[ -x "$FIL" ] || { echo "stories.sh: no binary $FIL (make release)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "stories.sh: needs GNU time (scripts/deps.sh --bench)" >&2; exit 2; }
command -v taskset > /dev/null || { echo "stories.sh: needs taskset (util-linux)" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "stories.sh: needs two cores" >&2; exit 2; }

log() { printf '[bench] %s\n' "$*" >&2; }
CC=${CC:-cc}
mkdir -p "$OUT"
# shellcheck source=bench/stream.sh
. bench/stream.sh
stream_compile
stream_make "$N" > /dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "# bench/stories.sh $(date -u '+%Y-%m-%d %H:%M UTC') commit $(git rev-parse --short HEAD 2> /dev/null || echo '?') host $(hostname)"
  echo "# N=$N seed=$SEED: fil cluster and fil cluster --stories side by side, one core each"
  printf '%-6s %12s %12s %8s\n' round plain_cpu_s stories_cpu_s ratio
} | tee "$REPORT"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (b / a - 1) * 100 }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
sum_p=0 sum_s=0
for r in $(seq 1 "$ROUNDS"); do
  cp=$((r % 2)) cs=$((1 - r % 2))
  taskset -c $cp /usr/bin/time -f '%U %S %M' -o "$tmp/p" "$FIL" cluster "$STREAM" > /dev/null 2> "$tmp/pe" &
  taskset -c $cs /usr/bin/time -f '%U %S %M' -o "$tmp/s" "$FIL" cluster --stories "$STREAM" > /dev/null 2> "$tmp/se" &
  wait
  read -r pu ps prss < <(tail -n1 "$tmp/p")
  read -r su ss srss < <(tail -n1 "$tmp/s")
  p=$(add "$pu" "$ps") s=$(add "$su" "$ss")
  sum_p=$(add "$sum_p" "$p") sum_s=$(add "$sum_s" "$s")
  printf '%-6s %12s %12s %8s\n' "$r" "$p" "$s" "$(pct "$p" "$s")" | tee -a "$REPORT"
done
{
  printf '%-6s %12s %12s %8s\n' sum "$sum_p" "$sum_s" "$(pct "$sum_p" "$sum_s")"
  echo "peak RSS: plain $((prss / 1024)) MiB, stories $((srss / 1024)) MiB (last round)"
} | tee -a "$REPORT"

if [ "$CALLGRIND" = 1 ]; then
  command -v valgrind > /dev/null || { echo "stories.sh: CALLGRIND=1 needs valgrind" >&2; exit 2; }
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.p" "$FIL" cluster "$STREAM" > /dev/null 2> "$tmp/vp" &
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.s" "$FIL" cluster --stories "$STREAM" > /dev/null 2> "$tmp/vs" &
  wait
  ip=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/vp")
  is=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/vs")
  printf 'instructions: plain %s, stories %s: %s; the stage %s per article\n' "$ip" "$is" \
    "$(pct "$ip" "$is")" "$(((is - ip) / N))" | tee -a "$REPORT"
fi
