#!/usr/bin/env bash
# tests/e2e/serve.sh -- fil serve: the API of docs/API.md over a store of
# examples/ and the seeds, its errors, and abuse: a 100 MiB body is refused
# with 413 and the server stays up; 1,000 idle connections are dropped by
# the idle timeout while a normal client is served; malformed JSON gets 400
# with its line; path traversal is refused; a client that leaves before its
# posted batch is answered harms nothing; only loopback is bound by
# default; SIGTERM stops it cleanly. A cached listing follows a refresh.
. "$(dirname "$0")/lib/check.sh"

lib="$(dirname "$0")/lib"
db="$WORK/news.db"
"$FIL" ingest --db "$db" "$FIL_SOURCE_DIR/examples/articles.jsonl" "$SHARED/data/seeds" \
  > /dev/null 2>&1
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$FIL" serve --db "$db" --port "$port" --idle-timeout 2 --refresh 1 > "$WORK/serve.log" 2>&1 &
pid=$!
trap 'kill -9 "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do # 30 s at most (the sanitizer build replays slowly)
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  sleep 0.1
done

# GET path [expected status]: the body in $WORK/out, the status checked.
get() {
  local code
  code=$(curl -s --path-as-is -o "$WORK/out" -w '%{http_code}' "http://127.0.0.1:$port$1")
  [ "$code" = "${2:-200}" ]
}
post() {
  local code
  code=$(curl -s -o "$WORK/out" -w '%{http_code}' -X POST --data-binary "@$1" \
    "http://127.0.0.1:$port/api/articles")
  [ "$code" = "$2" ]
}
body() { json "$WORK/out" "$1"; }

check "healthz" get /healthz
check "healthz counts the articles" body 'assert d["ok"] and d["articles"] == 80, d'
check "events" get "/api/events?limit=3"
check "events: total, paging and short forms" \
  body 'assert d["total"] >= 17 and len(d["events"]) == 3 and "summary" in d["events"][0] and "quotes" not in d["events"][0], d'
check "events by language" get "/api/events?lang=de"
check "events by language: each has German" body 'assert d["total"] > 0 and all("de" in e["languages"] for e in d["events"])'
get /api/articles/000_78ab9e17c838fcba
seed_event=$(body 'print(d["event"])')
check "events by entity (a spelling)" get "/api/events?entity=Erdo%C4%9Fan"
check "events by entity: seed 000's event among them" body "assert $seed_event in [e['id'] for e in d['events']], d"
cp "$WORK/out" "$WORK/by-spelling.json"
check "events by canonical entity" get "/api/events?entity=erdogan"
check "events by canonical entity: the same events" \
  python3 -c 'import json, sys; a, b = (json.load(open(p))["events"] for p in sys.argv[1:]); assert a == b' "$WORK/out" "$WORK/by-spelling.json"
check "events by source" get "/api/events?source=Rheinblatt"
check "events by source: all carry it" body 'assert d["total"] > 0 and all("Rheinblatt" in e["sources"] for e in d["events"])'
check "events by text" get "/api/events?q=Idlib"
check "events by text: found" body 'assert d["total"] >= 1'
check "events since a day" get "/api/events?since=2026-03-01&sort=growth"
check "events since: none ends before" body 'assert all(e["last"] >= "2026-03-01" for e in d["events"])'
check "bad since: 400" get "/api/events?since=yesterday" 400
check "bad since: JSON error" body 'assert d["status"] == 400 and "since" in d["error"]'
check "bad limit: 400" get "/api/events?limit=ten" 400
check "bad sort: 400" get "/api/events?sort=color" 400
check "one event" get /api/events/0
check "one event: timeline, quotes, entities, articles" \
  body 'assert all(k in d for k in ("timeline", "quotes", "entities", "articles")) and d["articles"][0]["id"]'
check "unknown event: 404" get /api/events/999999 404
check "storylines" get /api/storylines
check "one storyline with its events" get /api/storylines/0
check "one storyline: event objects" body 'assert isinstance(d["events"][0], dict)'
check "one article" get /api/articles/ex-022
check "one article: text and event" body 'assert d["id"] == "ex-022" and d["text"] and d["event"] is not None'
check "unknown article: 404" get /api/articles/nope 404
check "search" get "/api/search?q=Idlib"
check "search Idlib finds the five seeds" body 'assert d["total"] == 5, d["total"]'
check "search without accents" get "/api/search?q=Etats-Unis"
check "search without accents: found" body 'assert d["total"] >= 1'
check "search with no words: 400" get "/api/search?q=" 400
check "similar" get "/api/similar?a=ex-022&b=ex-023"
check "similar: a copy is the same event" body 'assert d["same_event"] is True and d["overall"] < 2'
check "similar with one side: 400" get "/api/similar?a=ex-022" 400
check "metrics" get /metrics
check "metrics: Prometheus text" grep -q '^fil_http_requests_total{route="events",status="200"} [0-9]' "$WORK/out"
check "unknown route: 404 JSON" get /api/nothing 404
check "unknown route: JSON error" body 'assert d["status"] == 404'
check "the page" get /
check "the page is HTML" grep -qi "<html" "$WORK/out"
check "the script" get /static/app.js

# Posting. The listing is read (and cached) first, so that the check
# after the refresh shows the cache follows it.
check "events before posting" get "/api/events?limit=500"
cp "$WORK/out" "$WORK/before.json"
printf '%s\n' '{"id":"post-1","title":"Hafenarbeiter in Rotterdam streiken weiter","text":"Die Hafenarbeiter in Rotterdam setzen ihren Streik fort.","lang":"de","published":"2026-02-05T09:00:00Z"}' \
  'not json' '{"id":"ex-022","title":"stored already"}' > "$WORK/batch.jsonl"
check "post: 200" post "$WORK/batch.jsonl" 200
check "post: one added, one existing, line 2 rejected" \
  body 'a = d["assignments"]; assert d["accepted"] == 2 and d["rejected"] == 1 and d["errors"][0]["line"] == 2 and a[1].get("existing") is True and a[0]["id"] == "post-1", d'
check "posted article is readable" get /api/articles/post-1
sleep 2.5 # the refresh timer (1 s) has run
posted_event=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["event"])' "$WORK/out")
check "posted article's event is described" get "/api/events/$posted_event"
check "metrics after the refresh" get /metrics
check "metrics: no stored article waits for a refresh" grep -q '^fil_refresh_pending_articles 0$' "$WORK/out"
check "the listing after the refresh" get "/api/events?limit=500"
check "the listing counts the posted article (not a cached answer)" python3 -c 'import json, sys
size = lambda path: {e["id"]: e["size"] for e in json.load(open(path))["events"]}.get(int(sys.argv[3]), 0)
assert size(sys.argv[2]) == size(sys.argv[1]) + 1, (size(sys.argv[1]), size(sys.argv[2]))' \
  "$WORK/before.json" "$WORK/out" "$posted_event"
printf '{"id": "x", "title": \n' > "$WORK/malformed.jsonl"
check "malformed JSON: 400" post "$WORK/malformed.jsonl" 400
check "malformed JSON: its line" body 'assert d["line"] == 1 and d["status"] == 400, d'
: > "$WORK/empty.jsonl"
check "empty body: 400" post "$WORK/empty.jsonl" 400
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/events")
check "POST to a GET route: 405" [ "$code" = 405 ]

# Abuse.
check "a 100 MiB body is refused with 413" \
  [ "$(python3 "$lib/http_abuse.py" bigbody "$port" 100)" = "HTTP/1.1 413 Request Entity Too Large" ]
check "the server stays up after it" get /healthz
check "a client that leaves before its batch is answered: the batch is stored" \
  python3 "$lib/http_abuse.py" leave "$port" "$FIL_SOURCE_DIR/examples/articles.jsonl" 1500
check "the server serves after it" get /healthz
check "1,000 idle connections dropped while a client is served" \
  python3 "$lib/http_abuse.py" idle "$port" 1000 2
check "traversal: ../ refused" get "/static/../../etc/passwd" 400
check "traversal: encoded ../ refused" get "/static/%2e%2e/%2e%2e/etc/passwd" 400
check "traversal: backslash refused" get "/static/..%5c..%5cetc%5cpasswd" 400
check "traversal: NUL refused" get "/static/app.js%00.png" 400
check "an unknown asset is 404" get /static/passwd 404
hexport=$(printf '%04X' "$port")
check "only loopback is bound" python3 -c 'import sys
rows = [l.split() for p in ("/proc/net/tcp", "/proc/net/tcp6") for l in open(p).readlines()[1:]]
mine = [r[1] for r in rows if r[1].endswith(":" + sys.argv[1]) and r[3] == "0A"]
assert mine and all(a.split(":")[0] in ("0100007F", "00000000000000000000000001000000") for a in mine), mine' "$hexport"

kill -TERM "$pid"
wait "$pid"
check "SIGTERM stops the server cleanly" [ $? -eq 0 ]
check "posted articles survive the stop" python3 -c 'import sqlite3, sys
assert sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles WHERE id = ?", ("post-1",)).fetchone()[0] == 1' "$db"
trap - EXIT

finish
