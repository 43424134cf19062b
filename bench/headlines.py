#!/usr/bin/env python3
"""bench/headlines.py -- how far word-based clustering goes on headlines.

Issue 2 asks for B-cubed F1 >= 0.85 on the Google News FR dev set, whose
items are headlines only (about nine words, accents stripped). This bench
puts fil's figure beside what other word-based methods reach on the same
file, each at the threshold that is best *on the file itself*: for those
rows the figure is an upper bound of the method, not a calibrated result.

Rows:
  fil cluster              the shipped settings (data/cluster.weights)
  fil, fitted to FILE      fil train clusters on FILE alone, scored on FILE
  single pass, centroid    the peer's method: nearest normalised centroid
  single pass, mean        mean similarity to the members instead
  batch, average linkage   agglomerative clustering over all pairs: it sees
                           the whole file at once, which no stream does
For the word-based rows, "words" is sklearn TF-IDF over words (sublinear
tf), "grams" over character 3- to 5-grams inside words, "both" the mean of
the two cosines; "fil similar" is fil's pair model (overall, 1..4 mapped
to 1..0). The last row keeps pairs inside one `section` (a field of this
file, not of fil's article record): the silver labels were made per
Google News section, so one real story in two sections is two gold
stories.

usage: FIL=build/release/fil /usr/bin/python3 bench/headlines.py [FILE]
needs: Debian's python3-sklearn (scripts/deps.sh --bench)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "tools"))
from metrics import bcubed  # noqa: E402

FIL = os.environ.get("FIL", os.path.join(HERE, "..", "build", "release", "fil"))
DEFAULT = os.path.join(HERE, "..", "..", "shared", "data", "clusters",
                       "googlenews_fr_2019.dev.jsonl")
ONLINE_GRID = np.arange(0.05, 0.701, 0.025)
BATCH_GRID = np.arange(0.30, 0.991, 0.01)


def tfidf_cosines(titles):
    """Cosine matrices of word and character-gram TF-IDF vectors."""
    words = TfidfVectorizer(sublinear_tf=True).fit_transform(titles)
    grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                            sublinear_tf=True).fit_transform(titles)
    return (words.toarray(), grams.toarray())


def single_pass(sim, rule, threshold):
    """Each item, in file order, joins the cluster it is most similar to if
    the similarity reaches threshold, else founds one. sim: cosines of unit
    vectors. rule(linked, size, norm2) scores an item against clusters,
    given its summed cosine with their members (linked), their sizes and
    the squared norms of their summed member vectors. Returns item ->
    cluster."""
    n = len(sim)
    linked = np.zeros((n, n))  # linked[i, c]: sum of sim[i, m] over c's members m
    size, norm2 = np.zeros(n), np.zeros(n)
    count, label = 0, {}
    for i in range(n):
        scores = rule(linked[i, :count], size[:count], norm2[:count])
        best = int(np.argmax(scores)) if count else -1
        if best < 0 or scores[best] < threshold:
            best, count = count, count + 1
        norm2[best] += 2.0 * linked[i, best] + sim[i, i]
        size[best] += 1
        linked[:, best] += sim[:, i]
        label[i] = best
    return label


def centroid_rule(linked, _, norm2):
    """Cosine with the cluster's centroid (the peer's method); 0 with a
    centroid of no words (a headline of none of the vocabulary's words)."""
    norm = np.sqrt(norm2)
    return np.divide(linked, norm, out=np.zeros_like(linked), where=norm > 0)


def mean_rule(linked, size, _):
    """Mean cosine with the cluster's members."""
    return linked / size


def average_linkage(sim, threshold, allowed=None):
    distance = np.clip(1.0 - sim, 0.0, 2.0)
    if allowed is not None:
        distance = np.where(allowed, distance, 2.0)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed",
                                    linkage="average", distance_threshold=threshold)
    return dict(enumerate(model.fit(distance).labels_))


def best_of(grid, run, gold):
    """(P, R, F1, threshold) of the grid value with the highest F1."""
    best = None
    for t in grid:
        p, r, f = bcubed(run(t), gold)
        if best is None or f > best[2]:
            best = (p, r, f, t)
    return best


def fil_eval(path, config=None):
    args = [FIL, "eval", "clusters", "--gold", "story"]
    args += ["--config", config] if config else []
    out = subprocess.run(args + [path], check=True, capture_output=True, text=True).stdout
    fields = dict(kv.split("=") for kv in out.split() if "=" in kv)
    return float(fields["P"]), float(fields["R"]), float(fields["F1"])


def fil_pair_similarity(arts, workdir):
    """fil similar --pairs over every pair; overall 1..4 as 1..0."""
    pairs = os.path.join(workdir, "pairs.jsonl")
    with open(pairs, "w", encoding="utf-8") as f:
        for i in range(len(arts)):
            for j in range(i + 1, len(arts)):
                side = [{"id": arts[k]["id"], "title": arts[k]["title"], "text": "",
                         "lang": arts[k]["lang"]} for k in (i, j)]
                f.write(json.dumps({"pair_id": "%d %d" % (i, j), "a": side[0],
                                    "b": side[1]}) + "\n")
    out = subprocess.run([FIL, "similar", "--pairs", pairs], check=True,
                         capture_output=True, text=True).stdout
    sim = np.eye(len(arts))
    for line in out.splitlines():
        row = json.loads(line)
        i, j = map(int, row["pair_id"].split())
        sim[i, j] = sim[j, i] = (4.0 - row["overall"]) / 3.0
    return sim


def report(name, figures, started):
    p, r, f = figures[:3]
    where = "  threshold %.3f" % figures[3] if len(figures) > 3 else ""
    print("%-44s P %.3f  R %.3f  F1 %.3f%s  (%.1f s)" % (name, p, r, f, where,
                                                        time.time() - started), flush=True)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    arts = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    gold = dict(enumerate(a["story"] for a in arts))
    n = len(arts)
    print("%s: %d items, %d gold stories" % (os.path.basename(path), n, len(set(gold.values()))))

    started = time.time()
    report("fil cluster (shipped settings)", fil_eval(path), started)
    with tempfile.TemporaryDirectory() as workdir:
        started = time.time()
        config = os.path.join(workdir, "fitted.weights")
        subprocess.run([FIL, "train", "clusters", "--gold", "story", path, "-o", config],
                       check=True, capture_output=True)
        report("fil cluster, settings fitted to this file", fil_eval(path, config), started)
        started = time.time()
        fil_sim = fil_pair_similarity(arts, workdir)
        fil_seconds = time.time() - started

    words, grams = tfidf_cosines([a["title"] for a in arts])
    sims = {"words": words @ words.T, "grams": grams @ grams.T}
    sims["both"] = (sims["words"] + sims["grams"]) / 2.0
    for name in ("words", "grams", "both"):
        started = time.time()
        report("single pass, centroid, " + name,
               best_of(ONLINE_GRID, lambda t: single_pass(sims[name], centroid_rule, t), gold),
               started)
    started = time.time()
    report("single pass, mean cosine, both",
           best_of(ONLINE_GRID, lambda t: single_pass(sims["both"], mean_rule, t), gold),
           started)

    sims["fil similar"] = fil_sim
    for name in ("words", "grams", "both", "fil similar"):
        started = time.time() - (fil_seconds if name == "fil similar" else 0.0)
        report("batch, average linkage, " + name,
               best_of(BATCH_GRID, lambda t: average_linkage(sims[name], t), gold), started)
    if all("section" in a for a in arts):
        section = np.array([a["section"] for a in arts])
        same = section[:, None] == section[None, :]
        started = time.time()
        report("batch, average linkage, both, per section",
               best_of(BATCH_GRID, lambda t: average_linkage(sims["both"], t, same), gold),
               started)


if __name__ == "__main__":
    main()
