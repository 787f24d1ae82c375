#!/usr/bin/env bash
# README: "Benchmarks". Builds the engine's BenchmarkDotNet project in Release and runs every
# benchmark (parse, validate, execute, execute + JSON, for the introspection query and the
# 30-field query; the code-first schema; the engine's per-request path), then prints
# BenchmarkDotNet's summary table (Mean, Error, StdDev, Allocated).
#
#   tests/Commissioning.Graph.Benchmarks/run.sh             # short job (3 warm-ups, 3 iterations): a few minutes
#   tests/Commissioning.Graph.Benchmarks/run.sh --full      # BenchmarkDotNet's default job: accurate, much longer
#   tests/Commissioning.Graph.Benchmarks/run.sh --check     # executes each benchmark's document once, no timing
#   tests/Commissioning.Graph.Benchmarks/run.sh --filter '*Query30*'   # other arguments go to BenchmarkDotNet
#
# Reports (markdown, CSV, HTML) land in tests/Commissioning.Graph.Benchmarks/BenchmarkDotNet.Artifacts/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

job=(--job short)
filter=(--filter '*')
args=()
for a in "$@"; do
  case "$a" in
    --full) job=() ;;
    --check) args=(--check); job=(); filter=() ;;
    --filter) filter=() ; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done

dotnet build "$here/Commissioning.Graph.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
dll="$here/bin/Release/net10.0/Commissioning.Graph.Benchmarks.dll"
cd "$here"
if [ "${args[*]:-}" = "--check" ]; then exec dotnet "$dll" --check; fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet "$dll" "${filter[@]}" "${job[@]}" "${args[@]}" --artifacts "$here/BenchmarkDotNet.Artifacts" | tee "$log" || status=$?

# BenchmarkDotNet prints the summary table at the end of a long log; repeat it where it can be seen.
echo
echo "==================== summary ===================="
awk '/^\/\/ \* Summary \*/{p=1} p&&/^\/\/ \* Legends \*/{exit} p' "$log"
exit "$status"
