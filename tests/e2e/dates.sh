#!/usr/bin/env bash
# fil dates and fil eval dates: the seed acceptance check ("le 27 février"
# in 000 is 2020-02-27 when published is 2020-03-04), the figures on our
# gold dates, byte-identical reruns, timelines and bad input.
. "$(dirname "$0")/lib/check.sh"
SEED=$(ls "$SHARED"/data/seeds/000_*.txt)
EX="$FIL_SOURCE_DIR/examples"

# json_lines FILE CODE: CODE runs with L, the list of the file's JSON lines.
json_lines() {
  python3 -c "import json,sys; L=[json.loads(l) for l in open(sys.argv[1])]; $2" "$1"
}

"$FIL" dates --published 2020-03-04 "$SEED" > "$WORK/seed.jsonl" 2> "$WORK/stderr"
check "fil dates on seed 000 exits 0" test $? -eq 0
check "seed 000: 'le 27 février' resolves to 2020-02-27" json_lines "$WORK/seed.jsonl" \
  "sys.exit(not any(d['text'] == '27 février' and d['date'] == '2020-02-27' and d['kind'] == 'absolute' for d in L))"
check "seed 000: the sentence of 27 février says what happened" json_lines "$WORK/seed.jsonl" \
  "sys.exit(not any(d['text'] == '27 février' and 'contre-attaque' in d['sentence'] for d in L))"
check "seed 000: resolved against published" json_lines "$WORK/seed.jsonl" \
  "sys.exit(not all(d['reference'] == '2020-03-04' and d['reference_from'] == 'published' for d in L))"

"$FIL" dates "$SEED" > "$WORK/seed-noref.jsonl" 2>/dev/null
check "seed 000 without published: 27 février is unresolved, not guessed" json_lines \
  "$WORK/seed-noref.jsonl" "sys.exit(not any(d['text'] == '27 février' and d['date'] is None for d in L))"

echo "Hier, l'armée est entrée. Le 3 mars 2020, Ankara a parlé." \
  | "$FIL" dates --lang fr > "$WORK/textref.jsonl" 2>/dev/null
check "without published, the first full date of the text is the reference, and says where" \
  json_lines "$WORK/textref.jsonl" \
  "sys.exit(not (L[0]['text'] == 'Hier' and L[0]['date'] == '2020-03-02' and L[0]['reference_from'] == 'text' and L[0]['reference_offset'] == L[1]['offset']))"

"$FIL" eval dates --gold "$EX/gold/dates.jsonl" "$EX/articles.jsonl" > "$WORK/eval.txt"
check "fil eval dates exits 0" test $? -eq 0
check "examples/: precision and recall of dates >= 0.85" python3 -c "
import re, sys
m = re.search(r'P=([0-9.]+) R=([0-9.]+)', open('$WORK/eval.txt').read())
sys.exit(not (m and float(m.group(1)) >= 0.85 and float(m.group(2)) >= 0.85))"
check "examples/: 26 gold articles scored" grep -q "articles=26 " "$WORK/eval.txt"

"$FIL" dates "$EX/articles.jsonl" > "$WORK/a.jsonl" 2>/dev/null
"$FIL" dates "$EX/articles.jsonl" > "$WORK/b.jsonl" 2>/dev/null
check "fil dates twice gives identical output" cmp -s "$WORK/a.jsonl" "$WORK/b.jsonl"

"$FIL" dates --timeline "$EX/articles.jsonl" > "$WORK/timeline.json" 2>/dev/null
check "the timeline is a JSON array sorted by date" json "$WORK/timeline.json" \
  "k = [e['date'] for e in d]; sys.exit(not (len(d) > 20 and k == sorted(k)))"
check "a timeline entry lists several sources when outlets agree" json "$WORK/timeline.json" \
  "sys.exit(not any(len(e['sources']) > 1 for e in d))"

printf '{"id":"x","lang":"en","published":"someday","text":"It rained yesterday."}\n{"id":\n' \
  > "$WORK/bad.jsonl"
"$FIL" dates "$WORK/bad.jsonl" > "$WORK/bad.out" 2> "$WORK/bad.err"
check "bad input exits 1" test $? -eq 1
check "an unreadable published is reported with file and line" \
  grep -q "bad.jsonl:1: published 'someday'" "$WORK/bad.err"
check "a broken record is reported with its line" grep -q "bad.jsonl:2" "$WORK/bad.err"
check "the good record is still processed, its date unresolved" json_lines "$WORK/bad.out" \
  "sys.exit(not (len(L) == 1 and L[0]['date'] is None))"

"$FIL" dates --help > "$WORK/help.txt"
check "fil dates --help exits 0 with an example" grep -q "fil dates --published" "$WORK/help.txt"
"$FIL" eval dates --help > "$WORK/eval-help.txt"
check "fil eval dates --help names the gold format" grep -q '"dates"' "$WORK/eval-help.txt"

"$FIL" dates --published not-a-date "$SEED" > /dev/null 2>&1
check "--published must be ISO-8601 (usage error)" test $? -eq 2
finish
