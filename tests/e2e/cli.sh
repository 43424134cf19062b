#!/usr/bin/env bash
# Every subcommand answers --help with its options and an example, and
# usage errors exit 2. Progress goes to stderr with --progress, and not
# without it when stderr is not a terminal.
. "$(dirname "$0")/lib/check.sh"
for cmd in cluster dates dedup entities eval extract ingest langid search serve similar story \
  train tokens; do
  "$FIL" "$cmd" --help > "$WORK/$cmd.help"
  check "fil $cmd --help exits 0" test $? -eq 0
  check "fil $cmd --help gives an example" grep -qi "example" "$WORK/$cmd.help"
done
"$FIL" --help > "$WORK/top.help"
check "fil --help lists every command" bash -c "grep -q cluster '$WORK/top.help' && grep -q tokens '$WORK/top.help'"
"$FIL" frobnicate 2> /dev/null
check "an unknown command exits 2" test $? -eq 2
"$FIL" cluster --threshold 7 < /dev/null 2> "$WORK/err.txt"
check "an out-of-range setting exits 2" test $? -eq 2
check "and says which range" grep -q "threshold: '7' is not a number in \[0, 1\]" "$WORK/err.txt"

printf 'La Turquie a demandé des munitions aux États-Unis pour son opération.\nThe storm closed the port for two days.\n' \
  | "$FIL" langid > "$WORK/langid.txt"
check "fil langid names each line's language" \
  bash -c "cut -f1 '$WORK/langid.txt' | tr '\n' ' ' | grep -q '^fr en $'"
echo "L’armée turque" | "$FIL" tokens --lang fr > "$WORK/tokens.txt"
check "fil tokens drops the elision and stems" grep -q "^armée	arme" "$WORK/tokens.txt"
long_id=$(printf 'https://news.example/%0100d' 7)
printf '{"id":"%s","title":"A long id"}\n{"title":"No id at all","url":"https://x.example/a"}\n' "$long_id" \
  | "$FIL" cluster --assignments > "$WORK/ids.jsonl" 2>/dev/null
check "a long id comes back whole" grep -q "\"id\":\"$long_id\"" "$WORK/ids.jsonl"
check "a missing id is derived from the url" grep -q '"id":"h[0-9a-f]\{16\}"' "$WORK/ids.jsonl"

EX="$FIL_SOURCE_DIR/examples/articles.jsonl"
"$FIL" cluster --progress "$EX" > /dev/null 2> "$WORK/progress.txt"
check "fil cluster --progress reports the articles read" \
  grep -q "fil cluster: [0-9]* articles, [0-9.]* MB" "$WORK/progress.txt"
"$FIL" cluster "$EX" > /dev/null 2> "$WORK/quiet.txt"
check "and without it, into a file, it does not" bash -c "! grep -q 'articles/s' '$WORK/quiet.txt'"
"$FIL" extract --jsonl --progress "$FIL_SOURCE_DIR/examples" > /dev/null 2> "$WORK/progress.txt"
check "fil extract --progress reports the articles read" \
  grep -q "fil extract: [0-9]* articles" "$WORK/progress.txt"
python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][:6]
for i in range(0, 6, 2):
    print(json.dumps({'pair_id': str(i), 'a': rows[i], 'b': rows[i + 1]}))" "$EX" > "$WORK/pairs.jsonl"
"$FIL" similar --pairs "$WORK/pairs.jsonl" --progress > /dev/null 2> "$WORK/progress.txt"
check "fil similar --pairs --progress counts the pairs scored" \
  grep -q "fil similar: 3 of 3 pairs" "$WORK/progress.txt"
"$FIL" similar --pairs "$WORK/pairs.jsonl" --no-progress > /dev/null 2> "$WORK/quiet.txt"
check "and --no-progress silences it" bash -c "! grep -q 'pairs/s' '$WORK/quiet.txt'"
"$FIL" eval clusters --gold 2> "$WORK/err.txt"
check "a missing option value exits 2" test $? -eq 2
check "and the message names the command" grep -q "^fil eval: option '--gold' requires" "$WORK/err.txt"
"$FIL" train clusters --gold story --folds 1 "$EX" 2> "$WORK/err.txt"
check "fil train --folds 1 is a usage error" test $? -eq 2
check "that says what --folds takes" grep -q "folds takes 0" "$WORK/err.txt"
if [ -w /dev/full ]; then # events are written as they are made: a full disk stops them, said
  "$FIL" cluster --stories "$FIL_SOURCE_DIR/examples/articles.jsonl" > /dev/full 2> "$WORK/full.txt"
  check "output that cannot be written exits 1" test $? -eq 1
  check "and says so" grep -q "cannot write output" "$WORK/full.txt"
fi
finish
