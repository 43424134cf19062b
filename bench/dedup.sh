#!/usr/bin/env bash
# bench/dedup.sh -- near-duplicate detection and pair similarity: quality and
# speed (`make bench-dedup`).
#
#   bash bench/dedup.sh
#
# Environment: FIL (default build/release/fil), SEED (generator seed, default
# 1), CC, N_LABELLED (default 20000), N_SPEED (default 100000), SHARED
# (default ../shared).
#
# 1. Quality: a labelled stream from bench/gen_stream.c with rewrites keeping
#    10% to 90% of their original's sentences (--keep 10-90), beside verbatim
#    copies (half with a changed footer) and the other articles of each story
#    as same-story controls; `fil eval dedup` scores copies, rewrites, and
#    rewrites keeping >= 40% (the target).
# 2. Whole texts: every pair of examples/ (our full-length articles), by
#    relation -- copy or rewrite, same event, same storyline, unrelated --
#    with the mean predicted overall and how many `fil similar` calls the
#    same event: the similarity model is trained on texts cut to 1,000
#    characters, and this shows it on whole ones.
# 3. Speed, in one run: `fil dedup` and `wc -w` over the N_SPEED stream
#    (articles/s, MB/s, and their ratio), and `fil similar --pairs` over the
#    SemEval-2022 train pairs (pairs/s).
# Everything goes to build/bench/ (report: build/bench/dedup-report.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FIL=${FIL:-build/release/fil}
SEED=${SEED:-1}
CC=${CC:-cc}
N_LABELLED=${N_LABELLED:-20000}
N_SPEED=${N_SPEED:-100000}
SHARED=${SHARED:-../shared}
OUT=build/bench
GEN=$OUT/gen_stream
REPORT=$OUT/dedup-report.txt
mkdir -p "$OUT"
[ -x "$FIL" ] || { echo "dedup.sh: $FIL not found (make release)" >&2; exit 2; }
if [ ! -x "$GEN" ] || [ bench/gen_stream.c -nt "$GEN" ]; then
  "$CC" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror bench/gen_stream.c -o "$GEN" -lm
fi

labelled=$OUT/dedup-labelled-$N_LABELLED.jsonl
speed=$OUT/dedup-speed-$N_SPEED.jsonl
"$GEN" "$N_LABELLED" --seed "$SEED" --keep 10-90 > "$labelled"
"$GEN" "$N_SPEED" --seed "$SEED" > "$speed"

seconds() { # seconds CMD...: wall time of CMD (output discarded), nanosecond clock
  local t0 t1
  t0=$(date +%s%N)
  "$@" > /dev/null 2>&1
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

{
  echo "fil near-duplicates and similarity -- $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "== quality: fil eval dedup $labelled (seed $SEED, rewrites keep 10-90%)"
  "$FIL" eval dedup --no-progress "$labelled" 2>/dev/null
  echo
  echo "== whole texts: every pair of examples/articles.jsonl, by gold relation"
  python3 - examples/articles.jsonl > "$OUT/examples-pairs.jsonl" <<'PY'
import itertools, json, sys
arts = [json.loads(line) for line in open(sys.argv[1])]
for a, b in itertools.combinations(arts, 2):
    if a.get("gold_duplicate_of") == b["id"] or b.get("gold_duplicate_of") == a["id"]:
        rel = "copy or rewrite"
    elif a["story"] == b["story"]:
        rel = "same event"
    elif a.get("storyline") and a.get("storyline") == b.get("storyline"):
        rel = "same storyline"
    else:
        rel = "unrelated"
    print(json.dumps({"pair_id": rel, "a": a, "b": b}))
PY
  "$FIL" similar --pairs "$OUT/examples-pairs.jsonl" 2>/dev/null | python3 -c '
import collections, json, sys
overall, same = collections.defaultdict(list), collections.Counter()
for line in sys.stdin:
    r = json.loads(line)
    overall[r["pair_id"]].append(r["overall"])
    same[r["pair_id"]] += r["same_event"]
for rel in ("copy or rewrite", "same event", "same storyline", "unrelated"):
    v = overall[rel]
    print("%-16s pairs %5d  mean overall %.2f  same_event %d" % (rel, len(v), sum(v) / len(v), same[rel]))
'
  echo
  echo "== speed: $N_SPEED articles, $(du -m "$speed" | cut -f1) MB"
  bytes=$(stat -c %s "$speed")
  t_fil=$(seconds "$FIL" dedup --no-progress "$speed")
  t_wc=$(seconds wc -w "$speed")
  awk -v n="$N_SPEED" -v b="$bytes" -v f="$t_fil" -v w="$t_wc" 'BEGIN {
    printf "fil dedup  %8.3f s  %9.0f articles/s  %6.1f MB/s\n", f, n / f, b / f / 1e6
    printf "wc -w      %8.3f s  %9.0f articles/s  %6.1f MB/s\n", w, n / w, b / w / 1e6
    printf "fil dedup / wc -w time ratio: %.2f   (target: >= 20000 articles/s)\n", f / w }'
  pairs=$SHARED/data/pairs/semeval22_train.jsonl
  if [ -f "$pairs" ]; then
    n_pairs=$(grep -c . "$pairs")
    t_sim=$(seconds "$FIL" similar --pairs "$pairs")
    awk -v n="$n_pairs" -v t="$t_sim" 'BEGIN {
      printf "fil similar --pairs  %d pairs  %.3f s  %.0f pairs/s   (target: >= 5000 pairs/s)\n", n, t, n / t }'
  fi
} | tee "$REPORT"
