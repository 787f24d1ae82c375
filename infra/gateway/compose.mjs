// Composes the subgraph SDL files in schema/ (printed by `schema --module NAME --federation`) into
// schema/supergraph.graphql, offline, with @theguild/federation-composition.
// usage: node compose.mjs [--check]   (--check: compose and compare, write nothing; exit 1 on drift or errors)
//        node compose.mjs --schema-dir DIR --out FILE --subgraph NAME=URL...   (infra/local/federation.sh: the
//        SDL the Host printed for each module it serves, routed to the ports it started them on)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');
// The subgraph names, and the URLs the gateway routes to (serve --module NAME on these ports; see README.md).
export const subgraphs = [
  { name: 'commissioning', url: 'http://127.0.0.1:5081/graphql' },
  { name: 'local-government', url: 'http://127.0.0.1:5082/graphql' },
  { name: 'nhs-cb', url: 'http://127.0.0.1:5083/graphql' },
  { name: 'governance', url: 'http://127.0.0.1:5084/graphql' },
  { name: 'directory', url: 'http://127.0.0.1:5085/graphql' },
];

export function compose(dir = schemaDir, list = subgraphs) {
  const services = list
    .filter((s) => existsSync(join(dir, `${s.name}.graphql`)))
    .map((s) => ({ name: s.name, url: process.env[`SUBGRAPH_${s.name.replace('-', '_').toUpperCase()}_URL`] ?? s.url, typeDefs: parse(readFileSync(join(dir, `${s.name}.graphql`), 'utf8')) }));
  if (services.length === 0) return { errors: [new Error(`no subgraph SDL files in ${dir}`)], services };
  const result = composeServices(services);
  return { ...result, services };
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const named = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--subgraph' ? [a] : []))
    .map((s) => ({ name: s.slice(0, s.indexOf('=')), url: s.slice(s.indexOf('=') + 1) }));
  const out = option('--out');
  const result = compose(option('--schema-dir') ?? schemaDir, named.length ? named : subgraphs);
  if (out) {
    if (result.errors?.length) {
      for (const e of result.errors) console.error(`composition error: ${e.message}`);
      process.exit(1);
    }
    writeFileSync(out, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : result.supergraphSdl + '\n');
    console.error(`composed ${result.services.map((s) => s.name).join(', ')} into ${out}`);
    process.exit(0);
  }
  if (result.errors?.length) {
    for (const e of result.errors) console.error(`composition error: ${e.message}`);
    process.exit(1);
  }
  const target = join(schemaDir, 'supergraph.graphql');
  const text = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : result.supergraphSdl + '\n';
  if (check) {
    const same = existsSync(target) && readFileSync(target, 'utf8') === text;
    console.log(same ? 'supergraph.graphql is up to date' : 'supergraph.graphql differs from the composition: run node infra/gateway/compose.mjs');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(target, text);
  console.log(`composed ${result.services.map((s) => s.name).join(', ')} into schema/supergraph.graphql`);
}
