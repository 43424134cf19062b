#!/usr/bin/env bash
# Web pages and feeds as input: `fil extract` on pages (plain and gzipped)
# and on the feeds of tests/data/feeds (RSS 2.0 with content:encoded, Atom
# with xhtml content, a Latin-1 feed, an RDF feed with broken dates), and
# `fil cluster` over feeds, pages and JSONL mixed, by content not name.
. "$(dirname "$0")/lib/check.sh"
FEEDS="$FIL_SOURCE_DIR/tests/data/feeds"
mkdir -p "$WORK/pages" "$WORK/mixed"
cat > "$WORK/pages/harbour.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Westport harbour reopens</title>
<meta property="article:published_time" content="2021-02-09T10:00:00Z">
<link rel="canonical" href="https://gazette.example/harbour-reopens"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Westport harbour reopens</h1>
<p>The harbour of Westport reopened on Tuesday, three days after the storm closed it, and the
first ferries left at dawn.</p>
<p>Crews cleared fallen cranes, broken pontoons and two sunken boats, the harbour master said.</p>
<div class="related"><a href="/a">More storm news</a></div></article>
<footer>All rights reserved.</footer></body></html>
HTML
"$FIL" extract "$WORK/pages/harbour.html" > "$WORK/page.json" 2> "$WORK/page.err"
check "a page gives one JSON object" json "$WORK/page.json" 'assert d["id"] == "harbour"'
check "its body, paragraphs on their own lines" json "$WORK/page.json" \
  'assert "three days after the storm closed it, and the first ferries" in d["text"] and "dawn.\nCrews" in d["text"]'
check "menu, related links and footer are not body" json "$WORK/page.json" \
  'assert not any(w in d["text"] for w in ("Home", "More storm", "rights"))'
check "its metadata" json "$WORK/page.json" \
  'assert (d["title"], d["published"], d["lang"], d["url"], d["source"]) == ("Westport harbour reopens", "2021-02-09T10:00:00Z", "en", "https://gazette.example/harbour-reopens", "gazette.example")'
gzip -c "$WORK/pages/harbour.html" > "$WORK/pages/harbour-copy.html.gz"
"$FIL" extract "$WORK/pages/harbour-copy.html.gz" > "$WORK/gz.json" 2>/dev/null
check "a gzipped page reads the same" json "$WORK/gz.json" \
  'import json; e = json.load(open(sys.argv[1].replace("gz.json", "page.json"))); e["id"] = "harbour-copy"; assert d == e'

"$FIL" extract --jsonl "$FEEDS" > "$WORK/feeds.jsonl" 2> "$WORK/feeds.err"
check "every feed item becomes an article" test "$(wc -l < "$WORK/feeds.jsonl")" -eq 8
check "RSS content:encoded, cleaned, paragraphs kept" grep -q \
  '"text":"The storm closed the harbour of Westport on Saturday, and the ferries stayed in port.\\nWaves' "$WORK/feeds.jsonl"
check "RFC 822 pubDate becomes ISO-8601" grep -q '"published":"2021-02-06T09:30:00+01:00"' "$WORK/feeds.jsonl"
check "Atom xhtml content" grep -q '"text":"Der Sturm hat den Hafen von Westport am Samstag geschlossen.\\nDie Fähren' "$WORK/feeds.jsonl"
check "the Latin-1 feed comes out in UTF-8" grep -q '"title":"La tempête ferme le port de Westport"' "$WORK/feeds.jsonl"
check "the feed's language on its items" test "$(grep -c '"lang":"de"' "$WORK/feeds.jsonl")" -eq 2
check "a broken date is reported with its item" \
  grep -q "broken-dates.rdf: item 1: published 'last Tuesday' is not an ISO-8601 time" "$WORK/feeds.err"
check "...each of them" grep -q "broken-dates.rdf: item 2: published 'Fri, 32 Feb" "$WORK/feeds.err"
check "the items with broken dates are still articles" grep -q '"title":"Council to help the fishermen of Westport"' "$WORK/feeds.jsonl"

{ echo "Warning: cache unavailable"; cat "$WORK/pages/harbour.html"; } > "$WORK/stray.txt"
"$FIL" extract "$WORK/stray.txt" > "$WORK/stray.json" 2>/dev/null
check "a page after a stray line of text is still a page" json "$WORK/stray.json" \
  'assert d["title"] == "Westport harbour reopens" and d["text"].startswith("The harbour of Westport")'

# Mixed input, told apart by content: names that say nothing.
cp "$FEEDS/harbour.rss" "$WORK/mixed/one"
cp "$FEEDS/broken-dates.rdf" "$WORK/mixed/two.xml"
gzip -c "$WORK/pages/harbour.html" > "$WORK/mixed/three.gz"
echo '{"id":"j1","title":"Storm shuts Westport harbour","text":"Ferries stay in port."}' | gzip -c > "$WORK/mixed/four.jsonl.gz"
printf 'Westport fishermen ask for help\nThe council meets on Friday.\n' > "$WORK/mixed/five.txt"
"$FIL" cluster --assignments "$WORK/mixed/one" "$WORK/mixed" > "$WORK/mixed.out" 2> "$WORK/mixed.err"
check "feeds, a page, gzipped JSONL and text mixed: all read" \
  grep -q "8 articles accepted, 0 rejected" "$WORK/mixed.err"
check "a broken feed date is reported per item by cluster too" \
  grep -q "two.xml: item 1: published 'last Tuesday' is not an ISO-8601 time; article kept, untimed" "$WORK/mixed.err"
check "the page and the JSONL record are clustered" \
  bash -c "grep -q '\"id\":\"three\"' '$WORK/mixed.out' && grep -q '\"id\":\"j1\"' '$WORK/mixed.out'"
finish
