#!/usr/bin/env bash
# The compiled-in defaults are the calibrated settings of data/cluster.weights,
# and they keep the quality measured when they were calibrated (floors a
# little under the figures in data/cluster.weights, to catch regressions).
. "$(dirname "$0")/lib/check.sh"
GN="$SHARED/data/clusters/googlenews_fr_2019.dev.jsonl"
UCI="$SHARED/data/clusters/uci_news_aggregator_sample.dev.jsonl"
W="$FIL_SOURCE_DIR/data/cluster.weights"

"$FIL" cluster --assignments "$GN" > "$WORK/default.jsonl" 2>/dev/null
"$FIL" cluster --assignments --config "$W" "$GN" > "$WORK/weights.jsonl" 2>/dev/null
check "defaults and data/cluster.weights make the same decisions" \
  cmp -s "$WORK/default.jsonl" "$WORK/weights.jsonl"

f1() { "$FIL" eval clusters --gold story "$@" | sed 's/.*F1=\([0-9.]*\).*/\1/'; }
gn=$(f1 "$GN")
uci=$(f1 --sort-by-time "$UCI")
echo "googlenews F1 $gn, uci F1 $uci"
check "googlenews dev F1 >= 0.78 (calibrated: see data/cluster.weights)" \
  python3 -c "import sys; sys.exit(float('$gn') < 0.78)"
check "uci dev F1 >= 0.78 (calibrated: see data/cluster.weights)" \
  python3 -c "import sys; sys.exit(float('$uci') < 0.78)"

# The similarity model: data/similarity.weights is what its recorded command
# makes (training is deterministic), and its cross-validated Pearson keeps a
# floor a little under the figure in the README.
PAIRS="$SHARED/data/pairs/semeval22_train.jsonl"
SW="$FIL_SOURCE_DIR/data/similarity.weights"
"$FIL" train pairs "$PAIRS" -o "$WORK/similarity.weights" 2>/dev/null
check "fil train pairs reproduces data/similarity.weights" \
  cmp -s <(grep -v '^#' "$SW") <(grep -v '^#' "$WORK/similarity.weights")
"$FIL" eval pairs --cv 5 "$PAIRS" > "$WORK/pairs-cv.txt" 2>/dev/null
cat "$WORK/pairs-cv.txt"
check "5-fold cross-validated Pearson on all pairs >= 0.70" \
  awk '$1 == "ALL" { exit !($3 >= 0.70) }' "$WORK/pairs-cv.txt"
check "5-fold cross-validated Pearson on en-en >= 0.78" \
  awk '$1 == "en-en" { exit !($3 >= 0.78) }' "$WORK/pairs-cv.txt"
finish
