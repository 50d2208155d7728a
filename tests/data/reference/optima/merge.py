# Joins mclust.csv and sklearn.csv into optima.csv (run from the repository root:
#   /usr/bin/python3 tests/data/reference/optima/merge.py)
import csv

import numpy as np

D = "tests/data/reference/optima/"
COLS = ["dataset", "covariance", "k", "n", "d", "mclust_default", "mclust_best", "sklearn_best", "best",
        "best_source", "degenerate", "min_effective_rows", "min_eigenvalue_ratio"]
ORDER = ["diabetes", "banknote", "wreath", "thyroid", "acidity", "quakes",
         "wine", "wine-z", "breast-cancer-z", "digits"]
COVS = ["full", "diag", "spherical", "tied"]


def num(s):
    return None if s in ("NA", "", None) else float(s)


def read(name):
    with open(D + name) as f:
        return {(r["dataset"], r["covariance"], r["k"]): r for r in csv.DictReader(f)}


def main():
    m, s = read("mclust.csv"), read("sklearn.csv")
    keys = sorted(set(m) | set(s), key=lambda t: (ORDER.index(t[0]), COVS.index(t[1]), int(t[2])))
    constant = {}  # data sets with a zero-variance column: every non-spherical likelihood is unbounded there
    for ds in ORDER:
        x = np.loadtxt("tests/data/real/%s.csv" % ds, delimiter=",", skiprows=1, ndmin=2)
        constant[ds] = bool((x.var(axis=0) == 0).any())
    rows = []
    for key in keys:
        a, b = m.get(key), s.get(key)
        first = a or b
        md = num(a["mclust_default"]) if a else None
        mb = num(a["mclust_best"]) if a else None
        sb = num(b["sklearn_best"]) if b else None
        cand = []
        if mb is not None:
            cand.append((mb, "mclust_default" if a["mclust_best_seed"] == "0" else "mclust_best", a))
        if sb is not None:
            cand.append((sb, "sklearn_best", b))
        row = dict(dataset=key[0], covariance=key[1], k=key[2], n=first["n"], d=first["d"],
                   mclust_default=a["mclust_default"] if a else "NA",
                   mclust_best=a["mclust_best"] if a else "NA",
                   sklearn_best=b["sklearn_best"] if b else "NA")
        if cand:
            best, src, r = max(cand, key=lambda t: t[0])
            eff, eig = num(r["min_effective_rows"]), num(r["min_eigenvalue_ratio"])
            dim = int(first["d"])
            need = dim + 1 if key[1] == "full" else 2
            deg = ((eff is not None and eff < need) or (eig is not None and eig < 1e-4)
                   or (constant[key[0]] and key[1] != "spherical"))
            row.update(best=repr(best), best_source=src, degenerate="TRUE" if deg else "FALSE",
                       min_effective_rows=r["min_effective_rows"], min_eigenvalue_ratio=r["min_eigenvalue_ratio"])
        else:
            row.update(best="NA", best_source="NA", degenerate="NA", min_effective_rows="NA",
                       min_eigenvalue_ratio="NA")
        rows.append(row)
    with open(D + "optima.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    na = sum(1 for r in rows for c in ("mclust_default", "mclust_best", "sklearn_best") if r[c] == "NA")
    print(len(rows), "cells;", sum(r["best"] == "NA" for r in rows), "with no best;", na, "NA entries;",
          sum(r["degenerate"] == "TRUE" for r in rows), "degenerate")


if __name__ == "__main__":
    main()
