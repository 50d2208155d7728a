#!/usr/bin/env bash
# Side-by-side comparison with scikit-learn: one EM iteration per case, both sides alternately, medians.
# Usage: tests/EmFunctional.Benchmarks/compare.sh [--quick] [--alternations N] [--cases a,b] [--json-out FILE]
#   --quick   N / 50 and at most 4 iterations: a smoke run of a minute or two.
# Installs Debian's python3-sklearn and libopenblas0-pthread when missing (needs root), builds our side
# in Release, and runs compare.py (see its docstring for exactly what is timed). docs/performance.md
# has the results.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
/usr/bin/python3 -c 'import sklearn, numpy' 2>/dev/null || missing+=(python3-sklearn)
/usr/bin/python3 -c 'import threadpoolctl' 2>/dev/null || missing+=(python3-threadpoolctl)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# Which code is measured: the commit, and whether src/ has uncommitted changes (a tree exported with
# `git archive` has no .git; a COMMIT file beside src/ may name its commit).
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  commit="$(git -C "$root" rev-parse --short HEAD)"
  git -C "$root" diff --quiet HEAD -- src || commit="$commit + uncommitted changes in src"
else
  commit="$(cat "$root/COMMIT" 2>/dev/null || echo unknown) (exported tree)"
fi
echo "# commit $commit; .NET SDK $(dotnet --version)"
dotnet build -c Release "$here/EmFunctional.Benchmarks.csproj" -nologo -v quiet >&2
dotnet build -c Release "$root/src/EmFunctional.Cli/EmFunctional.Cli.csproj" -nologo -v quiet >&2

exec /usr/bin/python3 "$here/compare.py" run \
  --ours "dotnet $here/bin/Release/net10.0/EmFunctional.Benchmarks.dll" \
  --em "dotnet $root/src/EmFunctional.Cli/bin/Release/net10.0/em.dll" \
  "$@"
