#!/usr/bin/env bash
# The issue-13 selection check: `em select FILE --components 1..Kmax --covariance all --format json` on each
# data set of tests/data/reference/optima/optima.csv, compared with the best known grid (the lowest BIC over
# the non-degenerate cells' best known log-likelihoods). Usage (from the repository root):
#   tests/EmFunctional.Benchmarks/select-sweep.sh EM_DLL [extra em select flags...]
set -euo pipefail
dll=$1; shift
out=$(mktemp -d)
for dataset in $(tail -n +2 tests/data/reference/optima/optima.csv | cut -d, -f1 | uniq); do
  kmax=$(grep "^$dataset," tests/data/reference/optima/optima.csv | cut -d, -f3 | sort -n | tail -1)
  /usr/bin/time -f "$dataset %e s" dotnet "$dll" select "tests/data/real/$dataset.csv" --components "1..$kmax" --covariance all --format json "$@" \
    > "$out/$dataset.json" 2>> "$out/times.txt" || true
done
cat "$out/times.txt"
python3 - "$out" <<'PY'
import csv, json, math, os, sys
out = sys.argv[1]
def free(kind, k, d):
    cov = {'full': k * d * (d + 1) / 2, 'diag': k * d, 'spherical': k, 'tied': d * (d + 1) / 2}[kind]
    return (k - 1) + k * d + cov
rows = list(csv.DictReader(open('tests/data/reference/optima/optima.csv')))
ok = 0
for dataset in dict.fromkeys(r['dataset'] for r in rows):
    cells = [r for r in rows if r['dataset'] == dataset and r['degenerate'] != 'TRUE']
    n = int(cells[0]['n'])
    best = min(cells, key=lambda r: -2 * float(r['best']) + free(r['covariance'], int(r['k']), int(r['d'])) * math.log(n))
    best_bic = -2 * float(best['best']) + free(best['covariance'], int(best['k']), int(best['d'])) * math.log(n)
    try:
        report = json.load(open(os.path.join(out, dataset + '.json')))
        pick = report['best']
        cell = next(c for c in report['cells'] if c['components'] == pick['components'] and c['covariance'] == pick['covariance'])
        ours = (pick['covariance'], pick['components'], cell['bic'])
    except Exception as e:
        ours = ('failed', 0, float('inf'))
    same = ours[0] == best['covariance'] and ours[1] == int(best['k'])
    better = ours[2] <= best_bic + 1e-6 * abs(best_bic)
    ok += same or better
    print(f"{dataset:16} known best {best['covariance']}/{best['k']} BIC {best_bic:.2f}; ours {ours[0]}/{ours[1]} BIC {ours[2]:.2f}  {'same' if same else ('better' if better else 'WORSE')}")
print(f"{ok} of 10 data sets: same (K, covariance) or a better BIC")
PY
