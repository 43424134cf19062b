#!/usr/bin/env bash
# The C sources follow .clang-format (STYLE.md: the layout is the tool's, not
# a matter for review). Fix with: clang-format -i <file>
. "$(dirname "$0")/lib/check.sh"
cd "$FIL_SOURCE_DIR"
files=$(git ls-files 'src/*.c' 'src/*.h' 'src/*.cc' 'include/*.h' 'tests/unit/*.c' \
        'tests/unit/*.h' 'bench/*.c' 'fuzz/*.c' 'fuzz/*.h' 2>/dev/null)
[ -n "$files" ] || files=$(find src include tests/unit bench fuzz -name '*.[ch]' -o -name '*.cc')
# shellcheck disable=SC2086
clang-format --dry-run --Werror $files 2> "$WORK/format.txt"
status=$?
findings=$(grep -c 'error:' "$WORK/format.txt")
check "every C source is formatted by .clang-format ($findings findings)" test "$status" -eq 0
finish
