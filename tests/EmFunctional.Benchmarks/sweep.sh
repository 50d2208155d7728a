#!/usr/bin/env bash
# The issue-13 process sweep: one `em fit FILE -k K --covariance C --seed 0 --format json` process per cell of
# tests/data/reference/optima/optima.csv, then the share of non-degenerate cells within 1e-4 (relative) of the
# best known optimum and the wall time. Usage (from the repository root):
#   tests/EmFunctional.Benchmarks/sweep.sh EM_DLL [extra em fit flags...]
# e.g. the old defaults side by side: sweep.sh src/EmFunctional.Cli/bin/Release/net10.0/em.dll --init kmeans++ --tolerance 1e-3 --max-iterations 100
set -euo pipefail
dll=$1; shift
out=$(mktemp -d)
start=$(date +%s.%N)
tail -n +2 tests/data/reference/optima/optima.csv | while IFS=, read -r dataset covariance k rest; do
  dotnet "$dll" fit "tests/data/real/$dataset.csv" -k "$k" --covariance "$covariance" --seed 0 --format json "$@" \
    > "$out/$dataset.$covariance.$k.json" 2>/dev/null || true
done
end=$(date +%s.%N)
python3 - "$out" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
reached = comparable = 0
misses = []
for row in csv.DictReader(open('tests/data/reference/optima/optima.csv')):
    if row['degenerate'] == 'TRUE': continue
    comparable += 1
    best = float(row['best'])
    path = os.path.join(out, f"{row['dataset']}.{row['covariance']}.{row['k']}.json")
    try: value = json.load(open(path))['logLikelihood']
    except Exception: value = float('-inf')
    if value >= best - 1e-4 * abs(best): reached += 1
    else: misses.append(f"  {row['dataset']} {row['covariance']} K={row['k']}: {value:.6f} vs {best:.6f}")
print(f"reached {reached}/{comparable}")
print("\n".join(misses))
PY
echo "wall $(echo "$end - $start" | bc) s"
