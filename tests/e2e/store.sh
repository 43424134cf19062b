#!/usr/bin/env bash
# tests/e2e/store.sh -- fil ingest and fil search over a SQLite store:
# the store makes fil cluster's decisions, re-ingesting is a no-op, an
# ingest in two runs equals one run, bad lines are reported by number,
# articles posted weeks late are grouped as in time order, search folds
# accents, and a database the engine disagrees with (other settings) or a
# newer schema is refused with a clear message.
. "$(dirname "$0")/lib/check.sh"

ex="$FIL_SOURCE_DIR/examples/articles.jsonl"
seeds="$SHARED/data/seeds"
db="$WORK/news.db"

# python3's sqlite3 module reads the database (no sqlite3 binary needed).
sql() {
  python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))' "$1" "$2"
}

"$FIL" ingest --db "$db" "$ex" > "$WORK/ingest1.json" 2> "$WORK/ingest1.err"
check "ingest exits 0" [ $? -eq 0 ]
check "ingest reports 75 added" json "$WORK/ingest1.json" 'assert d["added"] == 75 and d["articles"] == 75, d'

# The store's decisions are fil cluster's: same article -> event map.
"$FIL" cluster --assignments "$ex" 2>/dev/null |
  python3 -c 'import json,sys; [print(d["id"] + "\t" + str(d["event"])) for d in map(json.loads, sys.stdin)]' |
  sort > "$WORK/cluster.map"
sql "$db" "SELECT id, event FROM articles" | sort > "$WORK/store.map"
check "stored events equal fil cluster's" cmp -s "$WORK/cluster.map" "$WORK/store.map"
check "every event is described" [ "$(sql "$db" "SELECT count(*) FROM events")" = "$(cut -f2 "$WORK/cluster.map" | sort -u | wc -l)" ]
check "storylines, entities, quotes and timeline rows are written" \
  [ "$(sql "$db" "SELECT (SELECT count(*) FROM storylines) > 0 AND (SELECT count(*) FROM entities) > 0 AND (SELECT count(*) FROM quotes) > 0 AND (SELECT count(*) FROM timeline) > 0")" = 1 ]
check "copies are stored with their original" \
  [ "$(sql "$db" "SELECT count(*) FROM copies c JOIN articles a ON a.id = c.original")" -gt 0 ]
check "the database is in WAL mode" [ "$(sql "$db" "PRAGMA journal_mode")" = wal ]
check "the schema version is set" [ "$(sql "$db" "PRAGMA user_version")" -ge 1 ]

# Re-ingesting the same articles is a no-op.
before=$(sql "$db" "SELECT count(*), sum(event), (SELECT count(*) FROM articles_fts) FROM articles")
"$FIL" ingest --db "$db" "$ex" > "$WORK/ingest2.json" 2>/dev/null
check "re-ingest adds nothing" json "$WORK/ingest2.json" 'assert d["added"] == 0 and d["existing"] == 75, d'
check "re-ingest leaves the rows as they were" [ "$before" = "$(sql "$db" "SELECT count(*), sum(event), (SELECT count(*) FROM articles_fts) FROM articles")" ]

# Two runs (the second replays the first) decide as one run does.
head -n 40 "$ex" > "$WORK/first.jsonl"
"$FIL" ingest --db "$WORK/halves.db" --batch 7 "$WORK/first.jsonl" > /dev/null 2>&1
"$FIL" ingest --db "$WORK/halves.db" --batch 7 "$ex" > "$WORK/halves.json" 2>/dev/null
check "the second run adds the other 35" json "$WORK/halves.json" 'assert d["added"] == 35 and d["existing"] == 40, d'
sql "$WORK/halves.db" "SELECT id, event FROM articles" | sort > "$WORK/halves.map"
check "two runs decide as one" cmp -s "$WORK/store.map" "$WORK/halves.map"
check "event descriptions equal those of one run" \
  [ "$(sql "$db" "SELECT group_concat(json, '') FROM (SELECT json FROM events ORDER BY id)" | md5sum)" = \
    "$(sql "$WORK/halves.db" "SELECT group_concat(json, '') FROM (SELECT json FROM events ORDER BY id)" | md5sum)" ]

# Late articles: February's posted after March's (an archive after the
# live feed, dated weeks before the newest) are grouped as in time order,
# and a store that took them in two runs replays them as one run decides.
python3 -c 'import json, sys
lines = open(sys.argv[1]).readlines()
march = [json.loads(l)["published"].startswith("2026-03") for l in lines]
sys.stdout.writelines([l for l, m in zip(lines, march) if m] + [l for l, m in zip(lines, march) if not m])' \
  "$ex" > "$WORK/late.jsonl"
head -n 50 "$WORK/late.jsonl" > "$WORK/late-first.jsonl"
"$FIL" ingest --db "$WORK/late.db" --batch 7 "$WORK/late-first.jsonl" > /dev/null 2>&1
"$FIL" ingest --db "$WORK/late.db" --batch 7 "$WORK/late.jsonl" > "$WORK/late.json" 2>/dev/null
check "late articles: the second run replays the first and adds 25" \
  json "$WORK/late.json" 'assert d["added"] == 25 and d["existing"] == 50, d'
"$FIL" cluster --assignments "$WORK/late.jsonl" 2>/dev/null |
  python3 -c 'import json,sys; [print(d["id"] + "\t" + str(d["event"])) for d in map(json.loads, sys.stdin)]' |
  sort > "$WORK/late-cluster.map"
sql "$WORK/late.db" "SELECT id, event FROM articles" | sort > "$WORK/late-store.map"
check "late articles: the store decides as fil cluster" cmp -s "$WORK/late-cluster.map" "$WORK/late-store.map"
# the grouping as sets of ids, whatever the events' numbers
groups() { sort -k2,2n -k1,1 "$1" | awk '$2 != e { if (NR > 1) print g; g = ""; e = $2 } { g = g " " $1 } END { print g }' | sort; }
check "late articles: grouped as in time order" cmp -s <(groups "$WORK/store.map") <(groups "$WORK/late-store.map")

# Bad lines: reported with file and line, the rest stored.
printf '%s\n' '{"id":"ok1","title":"A good article about the harbour strike"}' 'not json' \
  '{"id":"ok2","text":"Another good one about the harbour."}' > "$WORK/bad.jsonl"
"$FIL" ingest --db "$WORK/bad.db" "$WORK/bad.jsonl" > "$WORK/bad.json" 2> "$WORK/bad.err"
check "bad line: exit 1" [ $? -eq 1 ]
check "bad line: named by file and line" grep -q "bad.jsonl:2" "$WORK/bad.err"
check "bad line: the good ones are stored" [ "$(sql "$WORK/bad.db" "SELECT count(*) FROM articles")" = 2 ]

# Search: the seeds once ingested; accents optional.
"$FIL" ingest --db "$db" "$seeds" > /dev/null 2>&1
"$FIL" search --db "$db" Idlib > "$WORK/idlib.json"
check "search Idlib finds the five seeds" json "$WORK/idlib.json" \
  'ids = {r["id"][:3] for r in d["results"]}; assert d["total"] == 5 and ids == {"000", "001", "002", "003", "004"}, d["total"]'
"$FIL" search --db "$db" "Etats-Unis" > "$WORK/etats.json"
check "an accent-less query finds accented text" json "$WORK/etats.json" \
  'assert d["total"] >= 1 and any("\ue000États" in r["snippet"] for r in d["results"]), d'
"$FIL" search --db "$db" 'Idlib" OR "x' > "$WORK/quote.json" 2> "$WORK/quote.err"
check "query syntax cannot be injected" json "$WORK/quote.json" 'assert d["total"] == 0, d'

# Refusals.
"$FIL" ingest --db "$db" --threshold 0.9 "$ex" > /dev/null 2> "$WORK/other.err"
check "other settings: refused" [ $? -eq 1 ]
check "other settings: the message says why" grep -q "another configuration" "$WORK/other.err"
cp "$WORK/bad.db" "$WORK/newer.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit()' "$WORK/newer.db"
"$FIL" ingest --db "$WORK/newer.db" "$WORK/bad.jsonl" > /dev/null 2> "$WORK/newer.err"
check "newer schema: refused" grep -q "newer than this fil" "$WORK/newer.err"
"$FIL" ingest "$ex" > /dev/null 2> "$WORK/nodb.err"
check "no --db: usage error" [ $? -eq 2 ]

finish
