#!/usr/bin/env bash
# examples/: the events fil makes are the golden ones (tests/e2e/golden/),
# and the same input gives byte-identical output, run after run.
# After a deliberate change to the engine, regenerate the golden files with
#   build/release/fil cluster examples/articles.jsonl > tests/e2e/golden/examples.events.json
# and say why in the commit.
. "$(dirname "$0")/lib/check.sh"
EX="$FIL_SOURCE_DIR/examples/articles.jsonl"
GOLDEN="$FIL_SOURCE_DIR/tests/e2e/golden"

"$FIL" cluster "$EX" > "$WORK/run1.json" 2>/dev/null
"$FIL" cluster "$EX" > "$WORK/run2.json" 2>/dev/null
check "two runs are byte-identical" cmp -s "$WORK/run1.json" "$WORK/run2.json"
check "events equal the golden file" diff -u "$GOLDEN/examples.events.json" "$WORK/run1.json"

"$FIL" cluster --assignments "$EX" > "$WORK/a1.jsonl" 2>/dev/null
"$FIL" cluster --assignments "$EX" > "$WORK/a2.jsonl" 2>/dev/null
check "assignments are byte-identical across runs" cmp -s "$WORK/a1.jsonl" "$WORK/a2.jsonl"
check "one assignment per article" \
  test "$(wc -l < "$WORK/a1.jsonl")" -eq "$(grep -c . "$EX")"
check "assignments carry the input's extra fields" grep -q '"story":' "$WORK/a1.jsonl"
check "events list every article once" json "$WORK/run1.json" \
  "ids=[a for e in d for a in e['articles']]; sys.exit(len(ids) != len(set(ids)) or len(ids) != $(grep -c . "$EX"))"
check "every event has a label title and terms" json "$WORK/run1.json" \
  "sys.exit(not all(e['label']['title'] and isinstance(e['label']['terms'], list) for e in d))"
python3 - "$EX" "$WORK/run1.json" <<'PY'
import json, sys
when = {}
for line in open(sys.argv[1]):
    a = json.loads(line)
    when[a["id"]] = a["published"]
for e in json.load(open(sys.argv[2])):
    times = [when[i] for i in e["articles"]]
    if times != sorted(times):
        sys.exit(f"event {e['id']} lists articles out of time order")
PY
check "events list their articles in time order" test $? -eq 0

# Storylines against the gold ones (calibrated there: cluster/storyline.h).
check "storylines reach B-cubed F1 >= 0.95 on the gold storylines" python3 - "$EX" "$WORK/run1.json" "$SHARED/tools" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[3])
from metrics import bcubed
gold = {}
for line in open(sys.argv[1]):
    a = json.loads(line)
    gold[a["id"]] = a["storyline"]
pred = {a: e["storyline"] for e in json.load(open(sys.argv[2])) for a in e["articles"]}
p, r, f1 = bcubed(pred, gold)
print("storylines: P %.3f R %.3f F1 %.3f" % (p, r, f1))
sys.exit(f1 < 0.95)
PY

# --top N: the N fastest-growing events, fastest first. At the corpus's end
# (15 March) only the Madrid housing march (5 articles on its last day) grows.
"$FIL" cluster --top 3 "$EX" > "$WORK/top.json" 2>/dev/null
check "--top 3 prints three events, by growth score" json "$WORK/top.json" \
  "s=[e['growth']['score'] for e in d]; sys.exit(len(d) != 3 or s != sorted(s, reverse=True))"
check "--top puts the event of the last day first" json "$WORK/top.json" \
  "sys.exit(d[0]['growth']['last_day'] != 5 or d[0]['growth']['score'] <= 1)"
"$FIL" cluster --top 0 "$EX" > /dev/null 2>&1
check "--top 0 is a usage error" test $? -eq 2
"$FIL" cluster --top 2 --assignments "$EX" > /dev/null 2>&1
check "--top with --assignments is a usage error" test $? -eq 2

# --stories: storylines partition the events; events carry summaries.
"$FIL" cluster --stories "$EX" > "$WORK/stories.json" 2>/dev/null
check "--stories: every event is in exactly the storyline it names" json "$WORK/stories.json" \
  "m={x: s['id'] for s in d['storylines'] for x in s['events']}; ev=d['events']; sys.exit(len(m) != len(ev) or any(m[e['id']] != e['storyline'] for e in ev))"
check "--stories: a storyline's size is its events' articles" json "$WORK/stories.json" \
  "size={e['id']: e['size'] for e in d['events']}; sys.exit(any(s['size'] != sum(size[x] for x in s['events']) for s in d['storylines']))"
check "--stories: events of several articles have 3 to 5 summary sentences" json "$WORK/stories.json" \
  "sys.exit(not all(3 <= len(e['summary']) <= 5 for e in d['events'] if e['size'] > 1))"
check "--stories: timelines sorted by date, from the event's own sources" json "$WORK/stories.json" \
  "sys.exit(not all(e['timeline'] and [t['date'] for t in e['timeline']] == sorted(t['date'] for t in e['timeline']) and all(set(t['sources']) <= set(e['sources']) for t in e['timeline']) for e in d['events'] if e['size'] > 1))"
check "--stories: the strike's timeline has its start, 3 Feb 2026, from several outlets" json "$WORK/stories.json" \
  "sys.exit(not any(t['date'] == '2026-02-03' and len(t['sources']) >= 2 for t in d['events'][0]['timeline']))"
check "--stories: events as without it, but for summary, entities, quotes and timeline" python3 - "$WORK/stories.json" "$WORK/run1.json" <<'PY'
import json, sys
stories = json.load(open(sys.argv[1]))["events"]
for e in stories:
    del e["summary"], e["timeline"], e["entities"], e["quotes"]
sys.exit(stories != json.load(open(sys.argv[2])))
PY

# fil story: one event of the stories output, for a person to read.
"$FIL" story 0 "$WORK/stories.json" > "$WORK/story0.txt"
check "fil story tells event 0 by its label" grep -q "^Event 0: Dockworkers walk out" "$WORK/story0.txt"
check "fil story gives its summary, entities, quotes and timeline" \
  test "$(grep -c '^Summary:$\|^Entities: \|^Quotes:$\|^Timeline:$' "$WORK/story0.txt")" -eq 4
check "fil story names the first reporter and the copy" \
  grep -q "ex-002 is a copy of ex-001" "$WORK/story0.txt"
"$FIL" story --storyline --json 0 "$WORK/stories.json" > "$WORK/storyline0.json"
check "fil story --storyline --json prints that storyline's object" \
  json "$WORK/storyline0.json" "sys.exit(d['id'] != 0 or not d['events'])"
"$FIL" story 999 "$WORK/stories.json" > /dev/null 2>&1
check "fil story on an unknown id fails with status 1" test $? -eq 1
"$FIL" story zero "$WORK/stories.json" > /dev/null 2>&1
check "fil story without a numeric id is a usage error" test $? -eq 2

"$FIL" eval clusters --gold story "$EX" > "$WORK/eval.txt"
check "fil eval reports B-cubed on the gold stories" grep -q "^B-cubed P=" "$WORK/eval.txt"
finish
