#!/usr/bin/env bash
# bench/extract.sh -- article extraction from web pages: quality and speed
# (`make bench-extract`).
#
#   bash bench/extract.sh
#
# Environment: FIL (default build/release/fil), SHARED (default ../shared),
# ROUNDS (passes over the pages for the timing, default 5).
#
# 1. Quality: `fil extract --jsonl` over the pages of the public
#    article-extraction benchmark in $SHARED/data/html/pages/*.html.gz;
#    the texts of the pages of the dev half are scored against
#    ground-truth.dev.json with $SHARED/tools/extract_eval.py (F1 of 4-token
#    shingles, precision and recall as means over pages).
# 2. Speed, in one run, on one core: ROUNDS passes of `fil extract` and of
#    `xmllint --html --noout` (libxml2's own parser, no extraction) over
#    the same pages; pages/s of each and the ratio of their times.
# Everything goes to build/bench/ (report: build/bench/extract-report.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FIL=${FIL:-build/release/fil}
SHARED=${SHARED:-../shared}
ROUNDS=${ROUNDS:-5}
PAGES=("$SHARED"/data/html/pages/*.html.gz)
TRUTH=$SHARED/data/html/ground-truth.dev.json
OUT=build/bench
mkdir -p "$OUT"
command -v xmllint > /dev/null || { echo "extract.sh: xmllint missing (scripts/deps.sh --bench)" >&2; exit 2; }

"$FIL" extract --jsonl "${PAGES[@]}" > "$OUT/extract.jsonl" 2> "$OUT/extract.err" || true
/usr/bin/python3 - "$OUT/extract.jsonl" "$TRUTH" "$OUT/extract-pred.json" <<'PY'
import json, sys
arts = {}
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    arts[a['id']] = a.get('text', '')
truth = json.load(open(sys.argv[2]))
pred = {k: {'articleBody': arts.get(k, '')} for k in truth}
json.dump(pred, open(sys.argv[3], 'w'), ensure_ascii=False)
missing = [k for k in truth if k not in arts]
if missing:
    print(f'{len(missing)} dev pages without an article', file=sys.stderr)
PY
quality=$(/usr/bin/python3 "$SHARED/tools/extract_eval.py" "$TRUTH" "$OUT/extract-pred.json")

# The timings: one core (taskset when present), the same pages, same run.
# Wall time and CPU time (user + system) of each; on a shared machine the
# CPU time is the fair one.
pin=()
command -v taskset > /dev/null && pin=(taskset -c 0)
TIMEFORMAT='%R %U %S'
fil_times=$( { time (for _ in $(seq "$ROUNDS"); do "${pin[@]}" "$FIL" extract --jsonl "${PAGES[@]}" > /dev/null 2>&1 || true; done) ; } 2>&1 )
xml_times=$( { time (for _ in $(seq "$ROUNDS"); do "${pin[@]}" xmllint --html --noout "${PAGES[@]}" > /dev/null 2>&1 || true; done) ; } 2>&1 )
n=$(( ${#PAGES[@]} * ROUNDS ))
{
  echo "extraction quality on the dev half ($(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TRUTH") pages): $quality"
  awk -v f="$fil_times" -v x="$xml_times" -v n="$n" 'BEGIN {
    split(f, a, " "); split(x, b, " "); fc = a[2] + a[3]; xc = b[2] + b[3];
    printf "fil extract --jsonl: %d pages, wall %.2f s (%.0f pages/s), cpu %.2f s (%.0f pages/s)\n", n, a[1], n / a[1], fc, n / fc;
    printf "xmllint --html:      %d pages, wall %.2f s (%.0f pages/s), cpu %.2f s (%.0f pages/s)\n", n, b[1], n / b[1], xc, n / xc;
    printf "time ratio fil/xmllint: wall %.2f, cpu %.2f\n", a[1] / b[1], fc / xc }'
} | tee "$OUT/extract-report.txt"
