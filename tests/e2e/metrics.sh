#!/usr/bin/env bash
# fil eval clusters must agree with ../shared/tools/metrics.py to 3 decimals.
. "$(dirname "$0")/lib/check.sh"
for data in googlenews_fr_2019.dev uci_news_aggregator_sample.dev 20minxd_val_defr; do
  src="$SHARED/data/clusters/$data.jsonl"
  "$FIL" cluster --assignments --sort-by-time "$src" > "$WORK/$data.pred" 2>/dev/null
  ours=$("$FIL" eval clusters --gold story "$src" "$WORK/$data.pred" | sed 's/.*F1=\([0-9.]*\).*/\1/')
  ours_p=$("$FIL" eval clusters --gold story "$src" "$WORK/$data.pred" | sed 's/.*P=\([0-9.]*\).*/\1/')
  theirs=$(python3 - "$SHARED/tools" "$src" "$WORK/$data.pred" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
from metrics import bcubed
gold = {json.loads(l)["id"]: json.loads(l)["story"] for l in open(sys.argv[2])}
pred = {json.loads(l)["id"]: json.loads(l)["event"] for l in open(sys.argv[3])}
p, r, f = bcubed(pred, gold)
print(f"{f:.6f} {p:.6f}")
PY
)
  check "$data: F1 agrees to 3 decimals ($ours vs ${theirs% *})" \
    python3 -c "import sys; sys.exit(abs(float('$ours') - float('${theirs% *}')) >= 0.0005)"
  check "$data: precision agrees to 3 decimals" \
    python3 -c "import sys; sys.exit(abs(float('$ours_p') - float('${theirs#* }')) >= 0.0005)"
done
finish
