#!/usr/bin/env bash
# Rebuilds Commissioning.Graph.sln from the projects on disk (used after merges touch it).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f Commissioning.Graph.sln
dotnet new sln -n Commissioning.Graph --format sln >/dev/null
dotnet sln Commissioning.Graph.sln add $(git ls-files 'src/*.csproj' 'tests/*.csproj') >/dev/null
