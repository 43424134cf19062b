# tests/e2e/lib/check.sh -- shared by the end-to-end scripts.
# Expects FIL (the binary), FIL_SOURCE_DIR, SHARED (../shared) and WORK (a
# scratch directory) from ctest. check DESC CMD... runs CMD and counts it;
# finish prints "N passed, N failed" and sets the exit status.
set -u
passed=0
failed=0
suite=$(basename "$0" .sh)
WORK="${WORK:-/tmp/fil-e2e}/$suite"
rm -rf "$WORK"
mkdir -p "$WORK"

check() {
  local desc=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $desc" >&2
  fi
}

finish() {
  echo "$suite: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# JSON queries go through python3's json module (Debian's python3 is on CI).
json() {
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"
}
