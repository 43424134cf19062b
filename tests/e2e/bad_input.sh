#!/usr/bin/env bash
# Bad input: each bad record gets a message naming file and line, the run
# goes on, and every good record around the bad ones is still clustered.
. "$(dirname "$0")/lib/check.sh"
in="$WORK/mixed.jsonl"
{
  echo '{"id":"g1","title":"Storm closes the port of Rotterdam","text":"Wind and waves."}'
  echo '{"id":"bad-truncated","title":"Cut off in the mid'
  python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256)).replace(b'\\n', b'') + b'\\n')"
  printf '{"id":"g2","title":"Port of Rotterdam shut by storm \xff\xfe","text":"Ships wait."}\n'
  printf '{"id":"bad-huge","text":"'; head -c 10485760 /dev/zero | tr '\0' 'a'; echo '"}'
  echo '{"id":"bad-empty","title":"","text":"   "}'
  echo '[1,2,3]'
  echo '{"id":"g3","title":"Rotterdam port reopens after the storm","text":"Cranes move again.","published":"last Tuesday"}'
} > "$in"
: > "$WORK/empty.jsonl"

"$FIL" cluster --assignments "$in" "$WORK/empty.jsonl" "$WORK/missing.jsonl" \
  > "$WORK/out.jsonl" 2> "$WORK/err.txt"
status=$?
check "exit status 1 (bad data) after the run" test "$status" -eq 1
check "all three good records are assigned" test "$(grep -c '"id":"g' "$WORK/out.jsonl")" -eq 3
check "no bad record is assigned" bash -c "! grep -q bad- '$WORK/out.jsonl'"
check "truncated JSON: file and line" grep -q "mixed.jsonl:2: invalid JSON" "$WORK/err.txt"
check "binary garbage: file and line" grep -q "mixed.jsonl:3: binary data" "$WORK/err.txt"
check "10 MiB line: file and line" grep -q "mixed.jsonl:5: line over" "$WORK/err.txt"
check "no title and no text: file and line" grep -q "mixed.jsonl:6: no title and no text" "$WORK/err.txt"
check "not an object: file and line" grep -q "mixed.jsonl:7: not a JSON object" "$WORK/err.txt"
check "missing file is named" grep -q "missing.jsonl: No such file" "$WORK/err.txt"
check "an unreadable time is reported and the article kept" \
  grep -q "mixed.jsonl:8: published 'last Tuesday' is not an ISO-8601 time; article kept, untimed" "$WORK/err.txt"
check "summary counts" grep -q "3 articles accepted, 5 rejected, 1 unreadable file, 1 with an unreadable time, 1 repaired" "$WORK/err.txt"
check "the repaired article kept its words" grep -q '"id":"g2"' "$WORK/out.jsonl"
check "the three storm reports form one event" \
  test "$(python3 -c 'import json,sys; print(len({json.loads(l)["event"] for l in open(sys.argv[1])}))' "$WORK/out.jsonl")" -eq 1

printf 'Title line\n\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\n' > "$WORK/binary.txt"
"$FIL" cluster "$WORK/binary.txt" > /dev/null 2> "$WORK/err2.txt"
check "a binary .txt file is refused with its name" grep -q "binary.txt: binary data" "$WORK/err2.txt"
printf '\xef\xbb\xbf{"id":"bom1","title":"A file saved with a byte order mark"}\n' > "$WORK/bom.jsonl"
"$FIL" cluster --assignments "$WORK/bom.jsonl" > "$WORK/bom.out" 2>/dev/null
check "a JSONL file starting with a byte order mark is read as JSONL" grep -q '"id":"bom1"' "$WORK/bom.out"
finish
