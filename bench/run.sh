#!/usr/bin/env bash
# bench/run.sh -- fil's benchmark (`make bench`).
#
#   bash bench/run.sh [N ...]          default sizes: 10000 100000 1000000
#
# Environment: FIL (binary, default build/release/fil), SEED (generator seed,
# default 1), CC (compiler for the generator), PYTHON (default /usr/bin/python3),
# TOOLS (reference tools, default ../shared/tools), PEER (default
# $TOOLS/peer_cluster.py), BENCH_SIZES (sizes when no arguments are given).
#
# Generates synthetic streams with bench/gen_stream.c (cached in build/bench/),
# times `fil cluster` and `wc -w` on each, runs the sklearn peer and the B-cubed
# evaluation at N=10000, and prints one table (also written to
# build/bench/report.txt).  Missed targets are reported, not fatal; the exit
# status is non-zero only when a command itself fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

FIL=${FIL:-build/release/fil}
SEED=${SEED:-1}
CC=${CC:-cc}
PYTHON=${PYTHON:-/usr/bin/python3}
TOOLS=${TOOLS:-../shared/tools}
PEER=${PEER:-$TOOLS/peer_cluster.py}
PEER_THR=0.3
TIME=/usr/bin/time
OUT=build/bench
REPORT=$OUT/report.txt
EVAL_N=10000            # size used for the peer and for B-cubed F1
SHORT_RUN=1.0           # runs shorter than this (s) are repeated, median of 3

if [ $# -gt 0 ]; then read -ra SIZES <<< "$*"; else read -ra SIZES <<< "${BENCH_SIZES:-10000 100000 1000000}"; fi
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: bad size '$n'" >&2; exit 2; }
done
[[ $SEED =~ ^[0-9]+$ ]] || { echo "run.sh: bad SEED '$SEED'" >&2; exit 2; }

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

[ -x "$TIME" ] || die "$TIME not found (GNU time; scripts/deps.sh --bench installs it)"
[ -x "$FIL" ] || die "$FIL not found or not executable (build it first, or set FIL=...)"
mkdir -p "$OUT"

FAILED=0
fail() { log "FAILED: $*"; FAILED=1; }

# ---------------------------------------------------------------- generator
# shellcheck source=bench/stream.sh
. bench/stream.sh
stream_compile
declare -A GEN_S   # generation time per N ("cached" when reused)
stream_for() {     # stream_for N -> makes sure build/bench/stream-N.jsonl is current
  GEN_S[$1]=$(stream_make "$1")
}

# ---------------------------------------------------------------- timing
# timed_once OUT CMD...: run CMD (stdout -> OUT) under /usr/bin/time -f '%e %M'.
# Sets T_WALL (seconds, from a nanosecond clock around the run; /usr/bin/time's
# %e has 10 ms resolution) and T_RSS (peak RSS, KiB). Returns CMD's status.
timed_once() {
  local out=$1; shift
  local tf t0 t1 rc=0 rss
  tf=$(mktemp)
  t0=$(date +%s%N)
  "$TIME" -f '%e %M' -o "$tf" "$@" > "$out" || rc=$?
  t1=$(date +%s%N)
  read -r _ rss < <(tail -n 1 "$tf")
  rm -f "$tf"
  T_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  T_RSS=${rss:-0}
  return $rc
}

# timed OUT CMD...: timed_once, repeated (median wall, max RSS of 3) when short.
timed() {
  local out=$1; shift
  timed_once "$out" "$@" || return $?
  if awk -v t="$T_WALL" -v s="$SHORT_RUN" 'BEGIN { exit !(t < s) }'; then
    local walls=("$T_WALL") rss=$T_RSS
    for _ in 1 2; do
      timed_once "$out" "$@" || return $?
      walls+=("$T_WALL")
      if [ "$T_RSS" -gt "$rss" ]; then rss=$T_RSS; fi
    done
    T_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 2p)
    T_RSS=$rss
  fi
}

calc() { awk "BEGIN { $1 }"; }   # calc 'printf "%.2f", 1/3'

# ---------------------------------------------------------------- runs
declare -A MB FIL_S FIL_RSS WC_S
for n in "${SIZES[@]}"; do
  stream_for "$n"
  f=$OUT/stream-$n.jsonl
  MB[$n]=$(calc "printf \"%.1f\", $(stat -c %s "$f") / 1e6")
  cat "$f" > /dev/null                                   # warm the page cache for both tools

  log "N=$n: $FIL cluster --assignments --window-days 7"
  if timed /dev/null "$FIL" cluster --assignments --window-days 7 "$f"; then
    FIL_S[$n]=$T_WALL; FIL_RSS[$n]=$T_RSS
  else
    fail "fil cluster on N=$n"
  fi

  log "N=$n: wc -w"
  if timed /dev/null env LC_ALL=C.UTF-8 wc -w "$f"; then
    WC_S[$n]=$T_WALL
  else
    fail "wc -w on N=$n"
  fi
done

# ---------------------------------------------------------------- N=10000: quality and peer
have_eval_n=0
for n in "${SIZES[@]}"; do [ "$n" = "$EVAL_N" ] && have_eval_n=1; done

EVAL_LINE="n/a"; REF_F1="n/a"; PEER_LINE="n/a"; PEER_APS=""; PEER_F1=""; PEER_S=""; PEER_WALL=""
if [ $have_eval_n = 1 ]; then
  f=$OUT/stream-$EVAL_N.jsonl
  pred=$OUT/pred-$EVAL_N.jsonl
  log "N=$EVAL_N: assignments for evaluation"
  if "$FIL" cluster --assignments --window-days 7 "$f" > "$pred"; then
    log "N=$EVAL_N: $FIL eval clusters --gold story"
    if evout=$("$FIL" eval clusters --gold story "$f" "$pred" 2>&1); then
      # accept "F1=0.91", "F1: 0.91", "f1 0.91" or JSON "f1": 0.91
      f1=$(printf '%s\n' "$evout" | grep -oiE '"?f1"?[ =:]+[0-9.]+' | head -n 1 | grep -oE '[0-9.]+$' || true)
      if [ -n "$f1" ]; then EVAL_LINE=$f1
      else EVAL_LINE="? (output not understood: $(printf '%s' "$evout" | head -n 1 | cut -c1-60))"; fi
    else
      log "fil eval clusters failed: $(printf '%s' "$evout" | head -n 1)"
      EVAL_LINE="n/a"
    fi
    # the same assignments scored by the reference implementation (shared/tools/metrics.py)
    if [ -x "$PYTHON" ] && [ -f "$TOOLS/metrics.py" ]; then
      REF_F1=$("$PYTHON" - "$TOOLS" "$f" "$pred" <<'PY' 2>/dev/null || echo "n/a"
import json, sys
sys.path.insert(0, sys.argv[1])
from metrics import bcubed
gold = {}
with open(sys.argv[2]) as fh:
    for line in fh:
        a = json.loads(line); gold[a["id"]] = a["story"]
pred = {}
with open(sys.argv[3]) as fh:
    for line in fh:
        line = line.strip()
        if line:
            a = json.loads(line); pred[a["id"]] = a["event"]
P, R, F = bcubed(pred, gold)
print("%.3f (P %.3f R %.3f; %d/%d articles assigned)" % (F, P, R, len(set(pred) & set(gold)), len(gold)))
PY
)
    fi
  else
    fail "fil cluster (assignments for eval) on N=$EVAL_N"
  fi

  if [ -f "$PEER" ]; then
    log "N=$EVAL_N: sklearn peer ($PEER, threshold $PEER_THR); this takes a while"
    peerout=$(mktemp)
    if timed_once "$peerout" "$PYTHON" "$PEER" "$f" "$PEER_THR"; then
      PEER_WALL=$(calc "printf \"%.1f\", $T_WALL")
      line=$(grep -m1 '^thr=' "$peerout" || true)
      PEER_S=$(printf '%s' "$line" | grep -oE 'time=[0-9.]+' | cut -d= -f2 || true)
      PEER_F1=$(printf '%s' "$line" | grep -oE 'F1=[0-9.]+' | cut -d= -f2 || true)
      if [ -n "$PEER_S" ]; then
        PEER_APS=$(calc "printf \"%.0f\", $EVAL_N / $PEER_S")
      else
        fail "peer output not understood: $(head -n 1 "$peerout")"
      fi
    else
      fail "peer $PEER"
    fi
    rm -f "$peerout"
  else
    log "peer $PEER not found; skipped"
    PEER_LINE="n/a (peer not found: $PEER)"
  fi
fi

# ---------------------------------------------------------------- report
aps()  { calc "printf \"%.0f\", $1 / ${FIL_S[$1]}"; }          # articles/s
us()   { calc "printf \"%.1f\", ${FIL_S[$1]} * 1e6 / $1"; }    # µs/article
has()  { [ -n "${FIL_S[$1]:-}" ]; }
verdict() { calc "if ($1) print \"ok\"; else print \"MISSED\""; }

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "none")
if [ -n "$(git status --porcelain -- src include 2>/dev/null | head -n 1)" ]; then commit="$commit+dirty"; fi
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo "?")

largest=""
for n in "${SIZES[@]}"; do
  if has "$n" && { [ -z "$largest" ] || [ "$n" -gt "$largest" ]; }; then largest=$n; fi
done

report=$(mktemp)
{
  echo "fil benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit $commit"
  echo "host: $cpu, $(nproc) CPUs; fil: $FIL; stream seed $SEED, generator $(sha256sum bench/gen_stream.c | cut -c1-16)"
  echo
  echo "fil cluster --assignments --window-days 7 STREAM > /dev/null  (wall time, warm page cache;"
  echo "runs under ${SHORT_RUN} s are the median of 3; wc -w runs with LC_ALL=C.UTF-8)"
  echo
  fmt='%9s %9s %8s %10s %8s %11s %8s %8s %7s %7s\n'
  # shellcheck disable=SC2059
  printf "$fmt" N "stream MB" "fil s" "articles/s" "MB/s" "us/article" "RSS MiB" "wc -w s" "fil/wc" "gen s"
  for n in "${SIZES[@]}"; do
    wc_s="-"; fw="-"
    if [ -n "${WC_S[$n]:-}" ]; then wc_s=$(calc "printf \"%.3f\", ${WC_S[$n]}"); fi
    if has "$n"; then
      if [ -n "${WC_S[$n]:-}" ]; then fw=$(calc "printf \"%.1fx\", ${FIL_S[$n]} / ${WC_S[$n]}"); fi
      # shellcheck disable=SC2059
      printf "$fmt" "$n" "${MB[$n]}" "$(calc "printf \"%.3f\", ${FIL_S[$n]}")" "$(aps "$n")" \
        "$(calc "printf \"%.1f\", ${MB[$n]} / ${FIL_S[$n]}")" "$(us "$n")" \
        "$(calc "printf \"%.1f\", ${FIL_RSS[$n]} / 1024")" "$wc_s" "$fw" "${GEN_S[$n]}"
    else
      # shellcheck disable=SC2059
      printf "$fmt" "$n" "${MB[$n]}" FAILED - - - - "$wc_s" - "${GEN_S[$n]}"
    fi
  done
  echo
  if [ $have_eval_n = 1 ]; then
    echo "quality and peer at N=$EVAL_N (B-cubed against the stream's \"story\" field)"
    q() { printf '  %-36s %s\n' "$1" "$2"; }
    q "fil eval clusters --gold story" "eval: $EVAL_LINE"
    q "same assignments, metrics.py" "F1 $REF_F1"
    if [ -n "$PEER_APS" ]; then
      q "sklearn peer (threshold $PEER_THR)" \
        "F1 ${PEER_F1:-?}, ${PEER_S} s as it reports (${PEER_WALL} s wall), $PEER_APS articles/s"
    else
      q "sklearn peer (threshold $PEER_THR)" "$PEER_LINE"
    fi
    echo
  fi
  echo "targets (all measured in this run)"
  row() { printf '  %-36s %14s   %-20s %s\n' "$1" "$2" "$3" "$4"; }
  if has 10000 && has 1000000; then
    r=$(calc "printf \"%.2f\", (${FIL_S[1000000]} / 1000000) / (${FIL_S[10000]} / 10000)")
    row "per-article cost, 1M / 10k" "$r" "(target <= 1.5)" "$(verdict "$r <= 1.5")"
  else
    row "per-article cost, 1M / 10k" "n/a" "(target <= 1.5)" "needs N=10000 and N=1000000"
  fi
  if has 100000; then
    a=$(aps 100000)
    row "fil articles/s at 100k" "$a" "(target >= 10000)" "$(verdict "$a >= 10000")"
  else
    row "fil articles/s at 100k" "n/a" "(target >= 10000)" "needs N=100000"
  fi
  if has 1000000; then
    m=$(calc "printf \"%.0f\", ${FIL_RSS[1000000]} / 1024")
    row "peak RSS at 1M (MiB)" "$m" "(target <= 1536)" "$(verdict "$m <= 1536")"
  else
    row "peak RSS at 1M (MiB)" "n/a" "(target <= 1536)" "needs N=1000000"
  fi
  if [ -n "$largest" ] && [ -n "${WC_S[$largest]:-}" ]; then
    row "fil / wc -w time at N=$largest" "$(calc "printf \"%.1fx\", ${FIL_S[$largest]} / ${WC_S[$largest]}")" "(reported)" ""
  else
    row "fil / wc -w time" "n/a" "(reported)" ""
  fi
  if [ -n "$PEER_APS" ] && has "$EVAL_N"; then
    row "fil vs peer speed at 10k" "$(calc "printf \"%.1fx\", $(aps "$EVAL_N") / $PEER_APS")" "(reported)" ""
  else
    row "fil vs peer speed at 10k" "n/a" "(reported)" ""
  fi
  [ $FAILED = 0 ] || { echo; echo "some commands FAILED (see the log above); their rows are incomplete"; }
} > "$report"

cat "$report" > "$REPORT"
cat "$report"
rm -f "$report"
exit $FAILED
