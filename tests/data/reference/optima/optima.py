# scikit-learn side of optima.csv (run from the repository root:
#   /usr/bin/python3 tests/data/reference/optima/optima.py [dataset ...])
# Writes tests/data/reference/optima/sklearn.csv, one row per (dataset, covariance, k).
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

ALL = ["diabetes", "banknote", "wreath", "thyroid", "acidity", "quakes",
       "wine", "wine-z", "breast-cancer-z", "digits"]
OUT = "tests/data/reference/optima/sklearn.csv"
HEADER = ("dataset,covariance,k,n,d,sklearn_kmeans,sklearn_random_from_data,sklearn_best,"
          "sklearn_best_init,min_effective_rows,min_eigenvalue_ratio,seconds\n")


def g17(v):
    return "NA" if v is None or not np.isfinite(v) else repr(float(v))


def fit(x, k, cov, init):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            gm = GaussianMixture(n_components=k, covariance_type=cov, n_init=10, random_state=0,
                                 tol=1e-6, max_iter=2000, reg_covar=1e-6, init_params=init).fit(x)
        ll = gm.score(x) * x.shape[0]
        return (gm, ll) if np.isfinite(ll) else (None, None)
    except Exception as e:  # noqa: BLE001
        print("failed", k, cov, init, e, file=sys.stderr)
        return None, None


def metrics(gm, x):
    eff = gm.predict_proba(x).sum(axis=0).min()
    c, d = gm.covariances_, x.shape[1]
    if gm.covariance_type == "full":
        eig = min(np.linalg.eigvalsh(s).min() for s in c)
    elif gm.covariance_type == "tied":
        eig = np.linalg.eigvalsh(c).min()
    else:  # diag (k, d) or spherical (k,)
        eig = np.min(c)
    cv = x.var(axis=0, ddof=0)
    return eff, eig / cv[cv > 0].min()


def main():
    sets = sys.argv[1:] or ALL
    if not os.path.exists(OUT):
        with open(OUT, "w") as f:
            f.write(HEADER)
    for ds in sets:
        x = np.loadtxt(os.path.join("tests/data/real", ds + ".csv"), delimiter=",", skiprows=1, ndmin=2)
        n, d = x.shape
        kmax = 6 if ds in ("breast-cancer-z", "digits") else 9
        for cov in ("full", "diag", "spherical", "tied"):
            for k in range(1, kmax + 1):
                t0 = time.time()
                g1, l1 = fit(x, k, cov, "kmeans")
                g2, l2 = fit(x, k, cov, "random_from_data")
                cand = [(l, g, name) for l, g, name in ((l1, g1, "kmeans"), (l2, g2, "random_from_data"))
                        if l is not None]
                if cand:
                    lb, gb, nb = max(cand, key=lambda t: t[0])
                    eff, eig = metrics(gb, x)
                else:
                    lb, nb, eff, eig = None, "NA", None, None
                row = [ds, cov, str(k), str(n), str(d), g17(l1), g17(l2), g17(lb), nb, g17(eff), g17(eig),
                       "%.1f" % (time.time() - t0)]
                line = ",".join(row)
                with open(OUT, "a") as f:
                    f.write(line + "\n")
                print(line, flush=True)


if __name__ == "__main__":
    main()
