#!/usr/bin/env bash
# Federation: the subgraph SDL that `schema --module NAME --federation` prints for each module composes
# into a supergraph with @theguild/federation-composition (offline), schema/supergraph.graphql is that
# composition, and the fixture subgraphs (the shapes the composer prints) compose. Assumes the Release
# build. Last line: "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gateway="$root/infra/gateway"
dll="$root/src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll"
[ -d "$gateway/node_modules/@theguild/federation-composition" ] || (cd "$gateway" && (npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent) >/dev/null 2>&1)
pass=0; fail=0
ok() { echo "PASS $1"; pass=$((pass+1)); }
ko() { echo "FAIL $1"; fail=$((fail+1)); }
compose_dir() { (cd "$gateway" && node -e "import('./compose.mjs').then(m => { const r = m.compose(process.argv[1]); if (r.errors?.length) { for (const e of r.errors) console.error(e.message); process.exit(1); } })" "$1"); }

if compose_dir "$here/fixture"; then ok "fixture subgraphs compose"; else ko "fixture subgraphs compose"; fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printed=0
for module in commissioning local-government nhs-cb governance directory; do
  if dotnet "$dll" schema --module "$module" --federation >"$tmp/$module.graphql" 2>"$tmp/$module.err"; then
    printed=$((printed+1))
    if cmp -s "$tmp/$module.graphql" "$root/schema/$module.graphql"; then ok "schema/$module.graphql is up to date"; else ko "schema/$module.graphql is up to date"; fi
  else
    rm -f "$tmp/$module.graphql"
    grep -q 'There is no module' "$tmp/$module.err" && echo "note: module $module is not in this build" || ko "schema --module $module --federation"
  fi
done
if [ "$printed" -gt 0 ]; then
  if compose_dir "$tmp"; then ok "the printed subgraphs compose ($printed)"; else ko "the printed subgraphs compose ($printed)"; fi
  if (cd "$gateway" && node compose.mjs --check); then ok "schema/supergraph.graphql is the composition"; else ko "schema/supergraph.graphql is the composition"; fi
fi
echo "$pass passed, $fail failed"
