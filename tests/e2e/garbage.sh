#!/usr/bin/env bash
# Hostile input under the sanitizers: random bytes, random JSON-ish lines,
# huge and deeply nested values. fil must report and go on, never crash.
. "$(dirname "$0")/lib/check.sh"
python3 - "$WORK" <<'PY'
import json, random, sys
random.seed(20261122)
work = sys.argv[1]
with open(f"{work}/random.jsonl", "wb") as f:
    for i in range(300):
        f.write(b"{" + bytes(random.randrange(1, 256) for _ in range(random.randrange(1, 400))).replace(b"\n", b" ") + b"\n")
pieces = ['{', '}', '"', ':', ',', '[', ']', '\\', '\\u00e9', '\\ud800', 'title', 'text', 'id',
          'null', '1e999', '-0', 'é', '« »', '\u2019', 'L’', "d'", '-', '2020-13-45T99:99', ' ']
with open(f"{work}/jsonish.jsonl", "w") as f:
    for i in range(500):
        f.write("".join(random.choice(pieces) for _ in range(random.randrange(1, 60))) + "\n")
    f.write('{"title":"' + "[" * 5000 + '"}\n')
    f.write('{"title":' + "[" * 5000 + "]" * 5000 + '}\n')
    f.write(json.dumps({"title": "x" * 100000, "text": "y " * 300000, "published": "9999-12-31"}) + "\n")
    f.write(json.dumps({"title": "A-" * 5000 + "B", "text": "'" * 10000 + "\u00ab" * 1000}) + "\n")
    f.write(json.dumps({"id": 1e300, "title": "numbers 1.000.000,5 3:4:5 -7 2020-03-04", "lang": "zz-ZZ"}) + "\n")
PY
"$FIL" cluster "$WORK/random.jsonl" "$WORK/jsonish.jsonl" > "$WORK/out.json" 2> "$WORK/err.txt"
status=$?
check "random bytes and broken JSON: exit 0 or 1, never a crash (got $status)" test "$status" -le 1
check "the summary line is printed" grep -q "articles accepted" "$WORK/err.txt"
check "the output is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/out.json"
"$FIL" cluster --assignments "$WORK/jsonish.jsonl" > /dev/null 2>&1
status=$?
check "assignments mode too (got $status)" test "$status" -le 1
head -c 200000 "$WORK/random.jsonl" | "$FIL" tokens > /dev/null 2>&1
check "fil tokens on random bytes" test $? -eq 0
head -c 200000 "$WORK/random.jsonl" | "$FIL" langid > /dev/null 2>&1
check "fil langid on random bytes" test $? -eq 0
finish
