#!/usr/bin/env bash
# README: "Benchmarks". Builds in Release, installs the npm packages, runs the load benchmark.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build "$here/../../src/Commissioning.Graph.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
cd "$here"
[ -d node_modules/graphql-jit ] || npm ci --no-audit --no-fund --silent
node run.mjs "$@"
