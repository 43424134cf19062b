#!/usr/bin/env bash
# fuzz/run.sh -- run every libFuzzer target of a fuzz build for a set time.
#
#   fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]     (default 600 s; all targets)
#
# Shared by `make fuzz` (FUZZ_SECONDS, default 600) and .ci/run (60 s).
# Targets run one after the other (the machine's cores are shared). Each
# starts from its seeds in fuzz/corpus/<name>/ plus the inputs earlier runs
# found (BUILD_DIR/corpus/<name>/, which libFuzzer grows), with
# fuzz/dict/<name>.dict when there is one. Per target it prints the
# executions, coverage (libFuzzer's final cov: and ft:) and the crash
# artefact, if any. Exit status: 0 when no target crashed, hung, leaked or
# hit UB; 1 otherwise (2 for a usage error).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}"
seconds="${2:-600}"
shift $(($# < 2 ? $# : 2))
[ -d "$build/fuzz" ] || { echo "run.sh: no fuzz build in $build" >&2; exit 2; }
build="$(cd "$build" && pwd)"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/fuzz/fuzz_*; do
    [ -x "$bin" ] && targets+=("${bin##*/fuzz_}")
  done
fi
[ ${#targets[@]} -gt 0 ] || { echo "run.sh: no fuzz_* targets in $build/fuzz" >&2; exit 2; }

# A finding aborts the input at once; leaks count (libFuzzer checks them
# after each input that allocated more than it freed).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:abort_on_error=1}"

failed=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/fuzz_$t"
  seeds="$here/corpus/$t"
  work="$build/corpus/$t"
  out="$build/artifacts/$t"
  log="$build/logs/$t.log"
  mkdir -p "$work" "$out" "$(dirname "$log")"
  [ -x "$bin" ] || { echo "run.sh: $bin missing" >&2; failed=1; continue; }
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384
        -print_final_stats=1 -artifact_prefix="$out/")
  [ -f "$here/dict/$t.dict" ] && args+=(-dict="$here/dict/$t.dict")
  [ -d "$seeds" ] || seeds=""
  "$bin" "${args[@]}" "$work" ${seeds:+"$seeds"} >"$log" 2>&1
  status=$?
  # The last status line ("#N DONE cov: C ft: F ...") and the final stats.
  last="$(grep -aE '^#[0-9]+' "$log" | tail -n 1)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corpus="$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")"
  artefact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
  printf '%-10s %ss  execs %s  cov %s  ft %s  corpus %s  status %s\n' "$t" "$seconds" \
    "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" "$status"
  if [ "$status" -ne 0 ] || [ -n "$artefact" ]; then
    failed=1
    echo "  FAILED: see $log"
    [ -n "$artefact" ] && echo "  crash artefact: $artefact"
    grep -aE 'ERROR: |SUMMARY: |broken promise|runtime error' "$log" | head -n 5 | sed 's/^/  /'
  fi
done
exit "$failed"
