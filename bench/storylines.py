#!/usr/bin/env python3
"""bench/storylines.py -- how fil's storylines compare with gold labels.

Runs `fil cluster` on each corpus with each storyline setting given, and
prints the B-cubed P/R/F1 of the storylines over articles (metrics.py's
bcubed) against the corpus's gold field, and how many gold groups lie
whole inside one storyline. Used to calibrate
storyline_threshold and storyline_entity_weight (data/cluster.weights).

usage: FIL=build/release/fil bench/storylines.py GOLD_FIELD FILE [FILE...] \
           [--grid T1,T2,.. W1,W2,..]
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools"))
from metrics import bcubed  # noqa: E402

FIL = os.environ.get("FIL", "build/release/fil")


def storylines(path, settings):
    args = [FIL, "cluster", "--sort-by-time"]
    for k, v in settings.items():
        args += ["--set", "%s=%s" % (k, v)]
    out = subprocess.run(args + [path], check=True, capture_output=True, text=True).stdout
    return {a: ev["storyline"] for ev in json.loads(out) for a in ev["articles"]}


def gold_of(path, field):
    gold = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = row[field]
    return gold


def main():
    argv = sys.argv[1:]
    grid = None
    if "--grid" in argv:
        i = argv.index("--grid")
        grid = ([float(x) for x in argv[i + 1].split(",")], [float(x) for x in argv[i + 2].split(",")])
        argv = argv[:i] + argv[i + 3:]
    field, files = argv[0], argv[1:]
    settings = [{}] if grid is None else [
        {"storyline_threshold": t, "storyline_entity_weight": w} for t in grid[0] for w in grid[1]]
    golds = {f: gold_of(f, field) for f in files}
    for s in settings:
        cells = []
        for f in files:
            pred = storylines(f, s)
            p, r, f1 = bcubed(pred, golds[f])
            groups = {}
            for item, label in golds[f].items():
                groups.setdefault(label, set()).add(pred.get(item))
            whole = sum(len(g) == 1 for g in groups.values())
            cells.append("%s P %.3f R %.3f F1 %.3f (%d storylines; %d of %d gold groups in one)" % (
                os.path.basename(f), p, r, f1, len(set(pred.values())), whole, len(groups)))
        label = " ".join("%s=%g" % kv for kv in s.items()) or "defaults"
        print(label + ": " + "; ".join(cells))


main()
