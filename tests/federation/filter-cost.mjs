// The gateway's price of lists' where/order (infra/gateway/plugins/limits.mjs) against the one description both shapes
// are checked against (filter-cost-cases.json; the Server's side: tests/Commissioning.Graph.Server.Tests/Cost/FilterCostTests.cs).
// usage: node filter-cost.mjs — prints "PASS name" / "FAIL name: why" lines; the caller counts them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const gateway = join(here, '..', '..', 'infra', 'gateway');
// graphql from infra/gateway's packages, as the plugin imports it.
const { parse, Kind } = createRequire(join(gateway, 'package.json'))('graphql');
const { costModel, computeCost } = await import(join(gateway, 'plugins', 'limits.mjs'));

const description = JSON.parse(readFileSync(join(here, 'filter-cost-cases.json'), 'utf8'));
const types = costModel(description.schema);
for (const c of description.cases) {
  const document = parse(c.query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const cost = computeCost(types, document, operation, c.variables ?? null, description.defaultListSize);
  const hostile = c.name.startsWith('hostile');
  if (cost !== c.cost) console.log(`FAIL gateway prices "${c.name}": ${cost}, expected ${c.cost}`);
  else if (hostile && !(cost > description.maxCost)) console.log(`FAIL gateway refuses "${c.name}": ${cost} is within ${description.maxCost}`);
  else console.log(`PASS gateway prices "${c.name}" at ${cost}${hostile ? ' (over the limit)' : ''}`);
}
