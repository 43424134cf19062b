#!/usr/bin/env bash
# tests/e2e/crash.sh -- crash safety of fil ingest (issue 5): while it
# ingests a synthetic stream, fil ingest is killed with SIGKILL at
# CRASH_KILLS random points (default 20) and started again each time on the
# same input; the final database must hold every article exactly once,
# with the event assignments of an uninterrupted run.
#
# CRASH_ARTICLES sets the stream's size (default 3000, which make test
# runs under the sanitizers); `make test-crash` runs the 100,000-article
# stream on the release build. A kill point is an article count drawn at
# random (seeded by CRASH_SEED, default 1) below the last batch: the ingest
# is killed as soon as that many articles are committed, so kills land
# anywhere in a batch, and never after the run has finished.
. "$(dirname "$0")/lib/check.sh"

n=${CRASH_ARTICLES:-3000}
kills=${CRASH_KILLS:-20}
seed=${CRASH_SEED:-1}
batch=${CRASH_BATCH:-200}
stream="$WORK/stream.jsonl"
"${GEN_STREAM:?GEN_STREAM must name bench/gen_stream}" "$n" --seed 7 > "$stream"

count() {
  python3 -c 'import sqlite3, sys
try:
    print(sqlite3.connect(sys.argv[1], timeout=5).execute("SELECT count(*) FROM articles").fetchone()[0])
except sqlite3.Error:
    print(0)' "$1"
}
assignments() {
  python3 -c 'import sqlite3, sys
for id, event in sqlite3.connect(sys.argv[1]).execute("SELECT id, event FROM articles ORDER BY seq"):
    print(id, event)' "$1"
}

# The uninterrupted run.
"$FIL" ingest --db "$WORK/straight.db" --batch "$batch" "$stream" > /dev/null 2> "$WORK/straight.err"
check "uninterrupted ingest exits 0" [ $? -eq 0 ]

# Kill points: sorted random article counts in [1, n - batch), so that
# the run is still ingesting when its point is reached.
points=$(python3 -c 'import random, sys
n, k, s, b = map(int, sys.argv[1:])
r = random.Random(s)
print(" ".join(map(str, sorted(r.randint(1, n - b - 1) for _ in range(k)))))' "$n" "$kills" "$seed" "$batch")
db="$WORK/crashed.db"
killed=0
for target in $points; do
  "$FIL" ingest --db "$db" --batch "$batch" "$stream" > /dev/null 2>> "$WORK/crashed.err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(count "$db")" -lt "$target" ]; do
    sleep 0.05
  done
  if kill -9 "$pid" 2>/dev/null; then
    killed=$((killed + 1))
  fi
  wait "$pid" 2>/dev/null
  echo "crash: killed at $(count "$db") of $n committed (target $target)" >> "$WORK/kills.log"
done
"$FIL" ingest --db "$db" --batch "$batch" "$stream" > "$WORK/final.json" 2>> "$WORK/crashed.err"
check "the last run completes" [ $? -eq 0 ]
check "$kills kills landed while ingesting ($killed)" [ "$killed" -eq "$kills" ]
check "every article exactly once" python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
total, distinct = c.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
fts = c.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
assert total == distinct == fts == int(sys.argv[2]), (total, distinct, fts)' "$db" "$n"
check "assignments equal the uninterrupted run's" \
  cmp -s <(assignments "$WORK/straight.db") <(assignments "$db")
check "events equal the uninterrupted run's" python3 -c 'import sqlite3, sys
a, b = (sqlite3.connect(p).execute("SELECT id, size, json FROM events ORDER BY id").fetchall() for p in sys.argv[1:])
assert a == b, (len(a), len(b))' "$WORK/straight.db" "$db"
cat "$WORK/kills.log"

finish
