#!/usr/bin/env bash
# fil entities on the five Idlib seed reports (read from ../shared at run
# time): the entities the issue names are found, with Erdoğan's two
# spellings on one canonical entity, and the fragments the scraper damaged
# give no entity. Then fil eval entities against examples/gold.
. "$(dirname "$0")/lib/check.sh"
SEEDS="$SHARED/data/seeds"

"$FIL" entities "$SEEDS" > "$WORK/seeds.jsonl" 2> "$WORK/stderr"
check "fil entities on the seeds exits 0" test $? -eq 0
check "one line per seed" test "$(wc -l < "$WORK/seeds.jsonl")" -eq 5

# all.json: canonical -> sorted surface forms, over the five seeds
python3 - "$WORK/seeds.jsonl" > "$WORK/all.json" <<'PY'
import json, sys
found = {}
for line in open(sys.argv[1], encoding="utf-8"):
    for e in json.loads(line)["entities"]:
        found.setdefault(e["canonical"], set()).update(e["surfaces"])
print(json.dumps({k: sorted(v) for k, v in found.items()}, ensure_ascii=False))
PY
has() { # canonical, then surfaces it must carry
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=sys.argv[2]
sys.exit(not (c in d and all(s in d[c] for s in sys.argv[3:])))" "$WORK/all.json" "$@"
}
check "Erdoğan: one entity with both spellings" has erdogan "Erdoğan" "Erdogan"
check "Trump" has trump Trump
check "Poutine is Putin" has putin Poutine
check "Idlib" has idlib Idlib
check "Moscou is Moscow" has moscow Moscou
check "Syrie is Syria" has syria Syrie
check "Turquie is Turkey" has turkey Turquie
check "États-Unis is the United States" has "united states" "États-Unis"

# The damaged sentences: "La région d’ a connu", "Bachar el-,", "Recep
# Tayyip ,", "La Turquie et la avaient", "sur la ,", "ont déclaré les .".
junk() {
  json "$WORK/all.json" "
import re
bad = [c for c in d if len(c) < 2 or c.split()[-1] in ('de','el','al','d','l','la','le','les','des','du','von','van','bin')
       or c in ('bachar', 'recep tayyip', 'recep', 'region', 'la turquie', 'la', 'les', 'flash', 'info',
                'newsletter', 'reseaux sociaux', 'red action', 'armee')]
print(bad, file=sys.stderr); sys.exit(len(bad) > 0)"
}
check "no junk entity from the damaged sentences or the page furniture" junk
nosurf() {
  json "$WORK/all.json" "
import re
sys.exit(any(re.search(r\"(\\s(el|al|de|d)-?|['’ -])$\", s) for v in d.values() for s in v))"
}
check "no surface form ends in a particle, hyphen or apostrophe" nosurf

"$FIL" entities "$SEEDS" > "$WORK/again.jsonl" 2> /dev/null
check "a second run prints the same bytes" cmp -s "$WORK/seeds.jsonl" "$WORK/again.jsonl"

"$FIL" eval entities --gold "$FIL_SOURCE_DIR/examples/gold/entities.jsonl" \
  "$FIL_SOURCE_DIR/examples/articles.jsonl" > "$WORK/eval.txt"
check "fil eval entities exits 0" test $? -eq 0
check "fil eval entities prints precision and recall" grep -q "precision .* recall" "$WORK/eval.txt"
printf 'Hier, le président turc a parlé.\n' | "$FIL" entities - > "$WORK/stdin.jsonl"
check "'-' reads stdin; a demonym alone names its country" grep -q '"canonical":"turkey"' "$WORK/stdin.jsonl"
finish
