#!/usr/bin/env bash
# fil dedup: on the seeds, 001 is a rewrite of 000 and nothing else repeats;
# on examples/, every gold copy and rewrite is found and nothing else; a copy
# of a copy points to the first publisher, and an original that arrives
# after its copy (but was published first) takes over as first publisher.
. "$(dirname "$0")/lib/check.sh"

"$FIL" dedup "$SHARED/data/seeds" > "$WORK/seeds.jsonl" 2>/dev/null
check "fil dedup on the seeds exits 0" test $? -eq 0
check "001 is a rewrite of 000" \
  grep -q '"id":"001_[0-9a-f]*","duplicate_of":"000_[0-9a-f]*","kind":"rewrite"' "$WORK/seeds.jsonl"
check "no other seed repeats another" test "$(grep -c '"kind":null' "$WORK/seeds.jsonl")" -eq 4

"$FIL" eval dedup "$FIL_SOURCE_DIR/examples/articles.jsonl" > "$WORK/examples.txt" 2>/dev/null
cat "$WORK/examples.txt"
check "examples: every copy found, none wrongly" grep -q '^copy .*P=1.0000 R=1.0000' "$WORK/examples.txt"
check "examples: every rewrite found, none wrongly" \
  grep -q '^rewrite  .*P=1.0000 R=1.0000' "$WORK/examples.txt"

# Lineage, on sentences of our own: c2 copies c1, which copies o; late is
# published before o but arrives last.
body='The regional rail operator will add four night trains between Arden and Colwick from May. The service will run on Fridays and Saturdays. Tickets go on sale next week, the operator said. Unions welcomed the plan but asked for more staff on board. The first train leaves Arden at half past midnight.'
cat > "$WORK/lineage.jsonl" <<JSONL
{"id":"o","source":"first.example","published":"2026-03-02T08:00:00Z","title":"Night trains","text":"$body"}
{"id":"c1","source":"second.example","published":"2026-03-02T09:00:00Z","title":"Night trains","text":"$body"}
{"id":"c2","source":"third.example","published":"2026-03-02T10:00:00Z","title":"Night trains","text":"$body Copyright third.example."}
{"id":"bad", not json
{"id":"late","source":"zero.example","published":"2026-03-01T08:00:00Z","title":"Night trains","text":"$body"}
JSONL
"$FIL" dedup "$WORK/lineage.jsonl" > "$WORK/lineage.out" 2> "$WORK/lineage.err"
check "a bad line makes fil dedup exit 1" test $? -eq 1
check "the bad line is reported with its number" grep -q "lineage.jsonl:4:" "$WORK/lineage.err"
check "the good articles are all written" test "$(wc -l < "$WORK/lineage.out")" -eq 4
check "a copy of a copy points to the first publisher" \
  grep -q '"id":"c2","duplicate_of":"late","kind":"copy"' "$WORK/lineage.out"
check "the original published first but arriving last is the first publisher" \
  grep -q '"id":"late","duplicate_of":null' "$WORK/lineage.out"
check "o, once first, now repeats late" grep -q '"id":"o","duplicate_of":"late"' "$WORK/lineage.out"
check "the original source is the first publisher's" \
  grep -q '"id":"c1".*"original_source":"zero.example"' "$WORK/lineage.out"
finish
