# shellcheck shell=bash
# bench/stream.sh -- the synthetic streams the benchmarks share, sourced by
# bench/run.sh and bench/stories.sh (which set OUT, SEED, CC and log).
#
# stream_compile: builds $OUT/gen_stream from bench/gen_stream.c when stale.
# stream_make N: makes sure $OUT/stream-N.jsonl is current (its .meta file
# records N, the seed and the generator's hash; a mismatch regenerates it)
# and prints "cached" or the seconds generating it took.

GEN=$OUT/gen_stream

stream_compile() {
  if [ ! -x "$GEN" ] || [ bench/gen_stream.c -nt "$GEN" ]; then
    log "compiling $GEN"
    "$CC" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror bench/gen_stream.c -o "$GEN" -lm
  fi
}

stream_make() {
  local n=$1 f=$OUT/stream-$1.jsonl hash meta t0 t1
  hash=$(sha256sum bench/gen_stream.c | cut -c1-16)
  meta="n=$n seed=$SEED gen=$hash"
  if [ -s "$f" ] && [ -f "$f.meta" ] && [ "$(cat "$f.meta")" = "$meta" ]; then
    echo cached
    return
  fi
  log "generating $f"
  t0=$(date +%s%N)
  "$GEN" "$n" --seed "$SEED" > "$f.tmp.$$"
  t1=$(date +%s%N)
  mv "$f.tmp.$$" "$f" # a concurrent run may generate the same file
  echo "$meta" > "$f.meta"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) / 1e9 }'
}
