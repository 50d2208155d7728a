#!/usr/bin/python3
"""Side-by-side agreement check: `em fit FILE --restarts 10 --seed 0` vs scikit-learn's
GaussianMixture(n_init=10) on CSVs the project has never seen (written fresh by this script).

For every data set and covariance kind it prints both best total log-likelihoods and their relative
difference; it exits non-zero when ours is worse than scikit-learn's by more than 1e-3 relative.
Usage: compare.py EM_COMMAND...   (e.g. compare.py dotnet src/EmFunctional.Cli/bin/Release/net10.0/em.dll)
"""
import csv, json, os, subprocess, sys, tempfile

import numpy as np
from sklearn.datasets import load_wine, load_breast_cancer
from sklearn.mixture import GaussianMixture

KINDS = {"full": "full", "diag": "diag", "spherical": "spherical", "tied": "tied"}


def datasets(directory):
    rng = np.random.default_rng(20261121)
    # Four clusters of different shapes, sizes and orientations in 3 dimensions.
    parts = []
    for n, mean, scale in [(400, [0, 0, 0], [1.0, 0.3, 0.5]), (250, [6, 2, -3], [0.5, 2.0, 0.7]),
                           (150, [-4, 5, 2], [1.5, 1.5, 0.2]), (200, [3, -5, 4], [0.8, 0.4, 1.2])]:
        z = rng.standard_normal((n, 3)) * scale
        rotation, _ = np.linalg.qr(rng.standard_normal((3, 3)))
        parts.append(z @ rotation.T + mean)
    synthetic = np.vstack(parts)
    rng.shuffle(synthetic)
    wine = load_wine().data[:, :6]
    cancer = load_breast_cancer().data[:, :4]
    for name, x, k in [("synthetic-3d", synthetic, 4), ("wine-6d", wine, 3), ("breast-cancer-4d", cancer, 2)]:
        path = os.path.join(directory, name + ".csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow([f"x{j + 1}" for j in range(x.shape[1])])
            w.writerows(x.tolist())
        yield name, path, x, k


def main():
    em = sys.argv[1:] or ["em"]
    worst = 0.0
    failures = 0
    with tempfile.TemporaryDirectory() as directory:
        print(f"{'data':18} {'K':>2} {'kind':10} {'em logL':>16} {'sklearn logL':>16} {'rel. diff':>10}")
        for name, path, x, k in datasets(directory):
            for kind, sk_kind in KINDS.items():
                sk = GaussianMixture(k, covariance_type=sk_kind, n_init=10, random_state=0).fit(x)
                sk_loglik = sk.score(x) * len(x)
                out = subprocess.run(em + ["fit", path, "--components", str(k), "--covariance", kind,
                                           "--restarts", "10", "--seed", "0", "--format", "json"],
                                     capture_output=True, text=True)
                if out.returncode != 0:
                    print(f"{name:18} {k:>2} {kind:10} failed: {out.stderr.strip()}")
                    failures += 1
                    continue
                ours = json.loads(out.stdout)["logLikelihood"]
                relative = (sk_loglik - ours) / abs(sk_loglik)  # > 0: ours is worse
                worst = max(worst, relative)
                flag = "" if relative <= 1e-3 else "  <-- worse than 1e-3"
                failures += relative > 1e-3
                print(f"{name:18} {k:>2} {kind:10} {ours:16.6f} {sk_loglik:16.6f} {relative:10.2e}{flag}")
    print(f"worst relative shortfall of em vs scikit-learn: {worst:.2e}; failures: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
