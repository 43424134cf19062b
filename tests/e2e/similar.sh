#!/usr/bin/env bash
# fil similar on the seeds: 000 and 001 (one dispatch and its rewrite) are
# the most alike pair, "very similar" (overall <= 1.5) and the same event;
# no other pair is the same event. The evidence names shared entities and
# quotes. A pair file with a bad line reports it and scores the rest.
. "$(dirname "$0")/lib/check.sh"
S=("$SHARED"/data/seeds/*.txt)

: > "$WORK/scores.txt"
for a in 0 1 2 3; do
  for b in $(seq $((a + 1)) 4); do
    "$FIL" similar "${S[$a]}" "${S[$b]}" > "$WORK/pair-$a-$b.json" 2>/dev/null
    json "$WORK/pair-$a-$b.json" "print('$a-$b', d['overall'], d['same_event'])" >> "$WORK/scores.txt"
  done
done
cat "$WORK/scores.txt"
check "ten seed pairs scored" test "$(wc -l < "$WORK/scores.txt")" -eq 10
check "000-001 overall <= 1.5" awk '$1 == "0-1" { exit !($2 <= 1.5) }' "$WORK/scores.txt"
check "000-001 is the most alike of the ten" \
  awk 'NR == 1 { best = $2 } $1 != "0-1" && $2 <= best { bad = 1 } END { exit bad }' \
  <(grep '^0-1 ' "$WORK/scores.txt"; grep -v '^0-1 ' "$WORK/scores.txt")
check "000-001 is the same event" grep -q '^0-1 .* True$' "$WORK/scores.txt"
check "no other pair is the same event" test "$(grep -c 'True$' "$WORK/scores.txt")" -eq 1
check "the evidence names Erdogan and Trump among the shared entities" \
  json "$WORK/pair-0-1.json" "e=d['why']['shared_entities']; sys.exit(not ('Erdogan' in e and 'Trump' in e))"
check "the evidence counts the two shared quotes" \
  json "$WORK/pair-0-1.json" "sys.exit(d['why']['shared_quotes'] < 2)"
check "the evidence calls 001 a rewrite of 000" \
  json "$WORK/pair-0-1.json" "sys.exit(d['why']['repeat'] != 'rewrite')"
check "every score is on the 1..4 scale" json "$WORK/pair-2-4.json" \
  "sys.exit(not all(1 <= d[k] <= 4 for k in ('overall','geography','entities','time','narrative')))"

# A pair file: a good pair, a pair without its second article, a line that is not JSON.
cat > "$WORK/pairs.jsonl" <<'JSONL'
{"pair_id":"p1","lang1":"en","lang2":"en","overall":1.0,"a":{"id":"a1","text":"The city council of Lowbridge voted on Tuesday to close the old harbour bridge for repairs."},"b":{"id":"b1","text":"Lowbridge councillors decided on Tuesday that the old harbour bridge will close for repairs."}}
{"pair_id":"p2","lang1":"en","lang2":"en","overall":4.0,"a":{"id":"a2","text":"A new bakery opened in the market square."}}
{"pair_id":"p3", not json
JSONL
"$FIL" similar --pairs "$WORK/pairs.jsonl" > "$WORK/pairs.out" 2> "$WORK/pairs.err"
status=$?
cat "$WORK/pairs.err"
check "a bad pair file exits 1" test "$status" -eq 1
check "the good pair is scored" test "$(grep -c '"pair_id":"p1"' "$WORK/pairs.out")" -eq 1
check "the pair without its second article is reported with its line" \
  grep -q "pairs.jsonl:2: side 'b' has no article" "$WORK/pairs.err"
check "the line that is not JSON is reported with its line" \
  grep -q "pairs.jsonl:3: not a JSON object" "$WORK/pairs.err"
check "the summary counts 1 pair accepted and 2 rejected" \
  grep -q "1 pair accepted, 2 rejected" "$WORK/pairs.err"
finish
