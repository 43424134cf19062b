#!/usr/bin/env bash
# The five Idlib seed reports: 000 and 001 (one dispatch and its rewrite)
# form one event; 002, 003 and 004 are three other events; all five are one
# storyline, the Idlib crisis.
. "$(dirname "$0")/lib/check.sh"
SEEDS="$SHARED/data/seeds"

"$FIL" cluster "$SEEDS" > "$WORK/events.json" 2> "$WORK/stderr"
check "fil cluster on the seeds exits 0" test $? -eq 0

event_of() {
  json "$WORK/events.json" "print([e['id'] for e in d if any(a.startswith('$1') for a in e['articles'])][0])"
}
e0=$(event_of 000); e1=$(event_of 001); e2=$(event_of 002); e3=$(event_of 003); e4=$(event_of 004)
check "every seed is in an event" test -n "$e0" -a -n "$e1" -a -n "$e2" -a -n "$e3" -a -n "$e4"
check "000 and 001 share an event" test "$e0" = "$e1"
check "002 is not with 000" test "$e2" != "$e0"
check "003 is not with 000" test "$e3" != "$e0"
check "004 is not with 000" test "$e4" != "$e0"
check "002, 003 and 004 are three events" \
  test "$(printf '%s\n' "$e2" "$e3" "$e4" | sort -u | wc -l)" -eq 3
check "four events in all" json "$WORK/events.json" "sys.exit(len(d) != 4)"
check "the four events are one storyline" \
  json "$WORK/events.json" "sys.exit(len({e['storyline'] for e in d}) != 1)"
check "the title of 002 is its headline, not 'FLASH INFO :'" \
  json "$WORK/events.json" "sys.exit(not any(e['label']['title'].startswith('La Turquie exhorte') for e in d))"

# --stories: summaries of 3-5 of the articles' own sentences, no sentence
# repeating another (000 and 001 retell one dispatch), and one storyline.
"$FIL" cluster --stories "$SEEDS" > "$WORK/stories.json" 2>/dev/null
check "--stories exits 0" test $? -eq 0
check "every seed event has a summary of 3 to 5 sentences" json "$WORK/stories.json" \
  "sys.exit(not all(3 <= len(e['summary']) <= 5 for e in d['events']))"
check "summary sentences are the articles' own" python3 - "$WORK/stories.json" "$SEEDS" <<'PY'
import glob, json, sys
texts = " ".join(open(f, encoding="utf-8").read() for f in glob.glob(sys.argv[2] + "/*.txt"))
d = json.load(open(sys.argv[1]))
sys.exit(not all(s in texts for e in d["events"] for s in e["summary"]))
PY
check "no summary repeats a sentence (half its words or more)" python3 - "$WORK/stories.json" <<'PY'
import json, re, sys
def words(s):
    return {w for w in re.findall(r"\w+", s.lower()) if len(w) > 3}
for e in json.load(open(sys.argv[1]))["events"]:
    ws = [words(s) for s in e["summary"]]
    for i in range(len(ws)):
        for j in range(i + 1, len(ws)):
            if len(ws[i] & ws[j]) >= 0.5 * min(len(ws[i]), len(ws[j])):
                sys.exit("event %d: %r ~ %r" % (e["id"], e["summary"][i], e["summary"][j]))
PY
check "the quote «J’ai fait parvenir ces demandes à Monsieur Trump» is Erdoğan's, carried by 000 and 001" \
  json "$WORK/stories.json" "q=[q for e in d['events'] for q in e['quotes'] if q['text'].startswith('J’ai fait parvenir ces demandes à Monsieur Trump')]; sys.exit(len(q) != 1 or 'Erdogan' not in q[0]['speaker'] or sorted(a[:3] for a in q[0]['articles']) != ['000', '001'])"
check "the storyline names Erdoğan, Trump, Putin, Idlib, Moscow, Syria, Turkey and the United States" \
  json "$WORK/stories.json" "c={x['canonical'] for x in d['storylines'][0]['entities']}; sys.exit(not {'erdogan', 'trump', 'putin', 'idlib', 'moscow', 'syria', 'turkey', 'united states'} <= c)"
check "one storyline holds the four events" json "$WORK/stories.json" \
  "sys.exit(len(d['storylines']) != 1 or sorted(d['storylines'][0]['events']) != sorted(e['id'] for e in d['events']))"

"$FIL" eval clusters "$SEEDS" > "$WORK/grouping.txt"
check "fil eval prints the grouping" grep -q "^event .* (2):" "$WORK/grouping.txt"
finish
