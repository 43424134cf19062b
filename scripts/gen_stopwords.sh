#!/usr/bin/env bash
# scripts/gen_stopwords.sh -- regenerate data/stopwords/<lang>.txt from the
# npm package stopwords-iso (MIT).
#
# Usage: scripts/gen_stopwords.sh [OUT_DIR]     (default: data/stopwords)
#
# Installs the pinned package version into a temporary directory, checks its
# integrity hash, and writes one file per language: one word per line, UTF-8,
# lowercased, deduplicated, sorted by byte value (LC_ALL=C order), entries with
# whitespace or digits dropped. Every *.txt in OUT_DIR is replaced, so the
# directory holds exactly the generated lists. Same version in, same bytes out.
# Prints a Markdown table of word counts (for data/stopwords/README.md).
# Needs: npm, python3.
set -euo pipefail

VERSION=1.1.0
INTEGRITY='sha512-I6GPS/E0zyieHehMRPQcqkiBMJKGgLta+1hREixhoLPqEA0AlVFiC43dl8uPpmkkeRdDMzYRWFWk5/l9x7nmNg=='
# The languages of Snowball's libstemmer, by ISO 639-1 code. Codes that
# stopwords-iso lacks are skipped, with a note on stderr.
LANGS='ar hy eu ca da nl en fi fr de el hi hu id ga it lt ne no pt ro ru sr es sv ta tr yi'

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/data/stopwords}
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error \
    "stopwords-iso@$VERSION" >/dev/null)

python3 - "$tmp" "$out" "$VERSION" "$INTEGRITY" "$LANGS" <<'EOF'
import glob, json, os, re, sys

tmp, out, version, integrity, langs = sys.argv[1:6]
pkg = os.path.join(tmp, "node_modules", "stopwords-iso")
lock = json.load(open(os.path.join(tmp, "package-lock.json"), encoding="utf-8"))
entry = lock["packages"]["node_modules/stopwords-iso"]
if entry["version"] != version or entry["integrity"] != integrity:
    sys.exit("gen_stopwords: unexpected package %s %s" % (entry["version"], entry["integrity"]))
data = json.load(open(os.path.join(pkg, "stopwords-iso.json"), encoding="utf-8"))

for old in glob.glob(os.path.join(out, "*.txt")):
    os.remove(old)

bad = re.compile(r"[\s\d]")  # Unicode whitespace or decimal digit
print("| code | words |")
print("| --- | ---: |")
for code in sorted(langs.split()):
    if code not in data:
        print("gen_stopwords: %s: not in stopwords-iso %s, skipped" % (code, version), file=sys.stderr)
        continue
    words = sorted({w.lower() for w in data[code] if w and not bad.search(w)})
    with open(os.path.join(out, code + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(w + "\n" for w in words))
    print("| %s | %d |" % (code, len(words)))
EOF
