#!/usr/bin/env bash
# mclust's whole grid, side by side: on each data set, `em select --components 1..9` over the fourteen
# covariance models (its default, `--covariance all`, which starts every cell from the hierarchical tree on up
# to 2000 rows; with SEARCH=1 also `--init search`) against mclust 6.0.0's
# `mclustBIC(X, G = 1:9)` (R's r-cran-mclust, installed with apt when missing), each timed as the wall time
# of its own process, the runs alternating. Prints, per data set, the times and each side's best model.
# Usage (from the repository root): tests/EmFunctional.Benchmarks/mclust-grid.sh [data sets...]
#   data sets: file stems of tests/data/real (default: faithful iris diabetes banknote wreath thyroid acidity)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! Rscript -e 'library(mclust)' >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-cran-mclust >&2
fi
dotnet build -c Release "$root/src/EmFunctional.Cli/EmFunctional.Cli.csproj" -nologo -v quiet >&2
em="dotnet $root/src/EmFunctional.Cli/bin/Release/net10.0/em.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/tests/data/faithful.csv" "$root/tests/data/iris.csv" "$work/"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(faithful iris diabetes banknote wreath thyroid acidity)
printf '%-10s %6s %5s %12s %12s %14s   %-22s %-22s %-22s\n' data rows cols "ours s" "mclust s" "ours search s" "best (ours)" "best (mclust)" "best (ours search)"
for name in "${sets[@]}"; do
  file="$work/$name.csv"
  [ -e "$file" ] || cp "$root/tests/data/real/$name.csv" "$file"
  rows=$(($(wc -l < "$file") - 1)); cols=$(head -1 "$file" | tr ',' '\n' | wc -l)
  start=$(date +%s.%N); $em select "$file" -k 1..9 --covariance all --format json > "$work/default.json"; ours=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  mclust=$(Rscript -e "suppressMessages(library(mclust)); x <- as.matrix(read.csv('$file')); b <- mclustBIC(x, G = 1:9, verbose = FALSE); s <- summary(b, x); cat(sprintf('%s,%d BIC %.2f', s\$modelName, s\$G, -s\$bic))")
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  best() { python3 -c "import json,sys; b=json.load(open('$1'))['best']; print(f\"{b['covariance']},{b['components']} BIC {b['bic']:.2f}\")"; }
  search=- searchBest=-
  if [ "${SEARCH:-0}" = 1 ]; then
    start=$(date +%s.%N); $em select "$file" -k 1..9 --covariance all --init search --format json > "$work/search.json"; search=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
    searchBest=$(best "$work/search.json")
  fi
  printf '%-10s %6d %5d %12.2f %12.2f %14s   %-22s %-22s %-22s\n' "$name" "$rows" "$cols" "$ours" "$wall" "$search" "$(best "$work/default.json")" "$mclust" "$searchBest"
done
echo "Times are whole processes (ours include .NET start-up, ~0.2 s; mclust's include R's start-up and loading mclust)."
echo "Our BIC is lower-is-better; mclust's printed here with the sign flipped to match."
