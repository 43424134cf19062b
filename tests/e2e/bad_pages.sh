#!/usr/bin/env bash
# Bad web input: a truncated page, a 50 MiB page, a zip bomb disguised as a
# gzipped page, binary data, and a broken feed. Each gets a message naming
# its file, the run goes on, and the good files' articles still come out.
. "$(dirname "$0")/lib/check.sh"
good() {
  printf '<html><head><title>%s</title></head><body><p>%s</p></body></html>\n' "$1" "$2"
}
good "Storm closes Westport harbour" "The storm closed the harbour of Westport on Saturday, and the ferries stayed in port for three days." > "$WORK/a-good.html"
# cut in the middle of the second paragraph: what is there is the article
printf '<html><head><title>Ferries sail again</title></head><body><article><p>The first ferries left Westport at dawn on Tuesday, three days after the storm.</p><p>Crews had cleared the pier of fallen cra' > "$WORK/b-truncated.html"
# cut inside the head: nothing to extract
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><scr' > "$WORK/c-truncated-head.html"
# 50 MiB of paragraphs
python3 -c "
import sys
out = sys.stdout
out.write('<html><body>')
p = '<p>' + 'The harbour of Westport reopened on Tuesday. ' * 20 + '</p>\n'
for _ in range(50 * 1024 * 1024 // len(p) + 1):
    out.write(p)
out.write('</body></html>')" > "$WORK/d-huge.html"
# a page that inflates to 256 MiB from about 1 MiB
{ printf '<html><body><p>'; head -c 268435456 /dev/zero | tr '\0' 'a'; } | gzip -1 > "$WORK/e-bomb.html.gz"
python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256)) * 64)" > "$WORK/f-binary.html"
printf '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cranes back at work' > "$WORK/g-truncated.rss"
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03broken' > "$WORK/h-broken.gz"
good "Council helps the fishermen" "The council of Westport will help the fishermen who lost a week of work to the storm." | gzip -c > "$WORK/z-good.html.gz"

start=$(date +%s)
"$FIL" extract --jsonl "$WORK"/*.html "$WORK"/*.gz "$WORK"/*.rss > "$WORK/out.jsonl" 2> "$WORK/err.txt"
status=$?
took=$(( $(date +%s) - start ))
check "exit status 1 (bad data) after the run" test "$status" -eq 1
check "the good pages come out" bash -c "grep -q '\"id\":\"a-good\"' '$WORK/out.jsonl' && grep -q '\"id\":\"z-good\"' '$WORK/out.jsonl'"
check "a page cut in its body gives what it holds" \
  grep -q '"text":"The first ferries left Westport at dawn on Tuesday, three days after the storm.\\nCrews had cleared the pier of fallen cra"' "$WORK/out.jsonl"
check "a page cut in its head: named, nothing to extract" \
  grep -q "c-truncated-head.html: no article text and no title in the page" "$WORK/err.txt"
check "the 50 MiB page: named, over the ceiling" grep -q "d-huge.html: file over 16777216 bytes, skipped" "$WORK/err.txt"
check "the zip bomb: named, inflated size capped" \
  grep -q "e-bomb.html.gz: inflates to over 16777216 bytes, skipped" "$WORK/err.txt"
check "the zip bomb is not inflated to its end (well under 10 s)" test "$took" -lt 10
check "binary data: named" grep -q "f-binary.html: binary data" "$WORK/err.txt"
check "a truncated feed keeps its item" grep -q '"title":"Cranes back at work"' "$WORK/out.jsonl"
check "a broken gzip stream: named" grep -q "h-broken.gz: " "$WORK/err.txt"
check "summary counts" grep -q "4 articles accepted, 5 rejected" "$WORK/err.txt"
finish
