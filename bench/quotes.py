#!/usr/bin/env python3
"""bench/quotes.py -- how fil's story quotes compare with hand-written gold.

Runs `fil cluster --stories examples/articles.jsonl` and takes from each
event's "quotes" list one (article id, quote text, speaker) triple per
article the quote lists in "articles". Over the articles of the gold file
only, it pairs found and gold quotes of the same article one to one: their
texts match when they are equal after lower-casing, folding ’ to ' and
dropping punctuation and spaces at both ends, or when one contains the
other and the shorter has at least 80% of the longer's characters (equal
texts are paired first). It prints

  - quote precision (paired found quotes / found quotes) and recall
    (paired gold quotes / gold quotes), over the gold articles;
  - speaker accuracy over the pairs: the speaker is right when the gold
    speaker's last word appears as a word in fil's speaker, case- and
    accent-insensitively; a gold null is right only against a fil null;
  - the gold quotes no found quote pairs with (misses) and the pairs whose
    speaker is wrong; with --extras, also the found quotes left unpaired.

The gold file has one line per article:
{"id": "ex-001", "quotes": [{"text": "...", "speaker": "Marloes Verbeek" or null}]}.

usage: FIL=build/release/fil python3 bench/quotes.py examples/gold/quotes.jsonl [--extras]
"""
import json, os, re, subprocess, sys, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIL = os.environ.get("FIL", os.path.join(ROOT, "build", "release", "fil"))
CORPUS = os.path.join(ROOT, "examples", "articles.jsonl")


def strip_ends(s):
    """Drops punctuation (Unicode P*) and whitespace at both ends."""
    def edge(c):
        return c.isspace() or unicodedata.category(c).startswith("P")
    i, j = 0, len(s)
    while i < j and edge(s[i]):
        i += 1
    while j > i and edge(s[j - 1]):
        j -= 1
    return s[i:j]


def norm(text):
    return strip_ends(text.lower().replace("\u2019", "'"))


def texts_match(a, b):
    a, b = norm(a), norm(b)
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and short in long_ and len(short) >= 0.8 * len(long_)


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower().replace("\u2019", "'"))
    return "".join(c for c in s if not unicodedata.combining(c))


def speaker_ok(gold, found):
    if gold is None or found is None:
        return gold is None and found is None
    words = fold(gold).split()
    if not words:
        return False
    last = strip_ends(words[-1])
    return re.search(r"(?<!\w)" + re.escape(last) + r"(?!\w)", fold(found)) is not None


def found_quotes():
    args = [FIL, "cluster", "--stories", CORPUS]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    triples = []
    for ev in json.loads(out)["events"]:
        for q in ev.get("quotes", []):
            for art in q["articles"]:
                triples.append((art, q["text"], q.get("speaker")))
    return triples


def load_gold(path):
    gold = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = [(q["text"], q.get("speaker")) for q in row["quotes"]]
    return gold


def pair(found, gold):
    """One-to-one pairs (i, j) of found[i] and gold[j]: equal texts first."""
    pairs, used_f, used_g = [], set(), set()
    for exact in (True, False):
        for i, (ft, _) in enumerate(found):
            if i in used_f:
                continue
            for j, (gt, _) in enumerate(gold):
                if j in used_g:
                    continue
                if (norm(ft) == norm(gt)) if exact else texts_match(ft, gt):
                    pairs.append((i, j))
                    used_f.add(i)
                    used_g.add(j)
                    break
    return pairs


def main():
    argv = sys.argv[1:]
    extras_wanted = "--extras" in argv
    argv = [a for a in argv if a != "--extras"]
    if len(argv) != 1:
        sys.exit(__doc__.strip().splitlines()[-1])
    gold = load_gold(argv[0])
    by_article = {}
    for art, text, speaker in found_quotes():
        if art in gold:
            by_article.setdefault(art, []).append((text, speaker))
    n_found = n_gold = n_pairs = n_speaker = 0
    misses, wrong, extras = [], [], []
    for art in sorted(gold):
        f, g = by_article.get(art, []), gold[art]
        ps = pair(f, g)
        n_found += len(f)
        n_gold += len(g)
        n_pairs += len(ps)
        paired_f = {i for i, _ in ps}
        paired_g = {j for _, j in ps}
        for i, j in ps:
            if speaker_ok(g[j][1], f[i][1]):
                n_speaker += 1
            else:
                wrong.append((art, g[j][0], g[j][1], f[i][1]))
        misses += [(art, g[j][0], g[j][1]) for j in range(len(g)) if j not in paired_g]
        extras += [(art, f[i][0], f[i][1]) for i in range(len(f)) if i not in paired_f]

    def ratio(a, b):
        return a / b if b else 0.0

    print("gold: %d articles, %d quotes; fil: %d quotes in them; %d paired" % (
        len(gold), n_gold, n_found, n_pairs))
    print("quote precision %.3f  recall %.3f  speaker accuracy %.3f (%d of %d pairs)" % (
        ratio(n_pairs, n_found), ratio(n_pairs, n_gold), ratio(n_speaker, n_pairs), n_speaker, n_pairs))
    print("misses (%d):" % len(misses))
    for art, text, speaker in misses:
        print("  %s  %s  -- %s" % (art, json.dumps(text, ensure_ascii=False), speaker))
    print("wrong speakers (%d):" % len(wrong))
    for art, text, gs, fs in wrong:
        print("  %s  %s  gold %s, fil %s" % (art, json.dumps(text, ensure_ascii=False),
                                            json.dumps(gs, ensure_ascii=False),
                                            json.dumps(fs, ensure_ascii=False)))
    if extras_wanted:
        print("extras (%d):" % len(extras))
        for art, text, speaker in extras:
            print("  %s  %s  -- %s" % (art, json.dumps(text, ensure_ascii=False),
                                      json.dumps(speaker, ensure_ascii=False)))


main()
