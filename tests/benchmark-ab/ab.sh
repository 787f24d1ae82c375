#!/usr/bin/env bash
# The engine's benchmarks, this checkout against another commit, measured fairly on a busy machine: both builds
# of tests/Commissioning.Graph.Benchmarks run in one process, their samples alternating, timed by CPU time
# (Program.cs). Builds the other commit in a temporary git worktree (removed at the end).
#   bash tests/benchmark-ab/ab.sh [BASE_COMMIT=5b27413] [SAMPLES=15] [NAME_FILTER]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
base=${1:-5b27413}; samples=${2:-15}; filter=${3:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scratch=$(mktemp -d); worktree="$scratch/base"
git -C "$root" worktree add --detach "$worktree" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$worktree" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
build() { dotnet build "$1" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null; }
build "$worktree/tests/Commissioning.Graph.Benchmarks/Commissioning.Graph.Benchmarks.csproj"
build "$root/tests/Commissioning.Graph.Benchmarks/Commissioning.Graph.Benchmarks.csproj"
build "$here/BenchmarkAb.csproj"
echo "baseline: $(git -C "$root" log --oneline -1 "$base")"
echo "current:  $(git -C "$root" log --oneline -1 HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
dotnet "$here/bin/Release/net10.0/BenchmarkAb.dll" "$worktree/tests/Commissioning.Graph.Benchmarks/bin/Release/net10.0" \
  "$root/tests/Commissioning.Graph.Benchmarks/bin/Release/net10.0" "$samples" "$filter" 2>/dev/null | grep -v '^//'
