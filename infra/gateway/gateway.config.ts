// Hive Gateway configuration: the supergraph composed offline by compose.mjs (schema/supergraph.graphql),
// whose join__graph URLs point at the three `serve --module` processes on 127.0.0.1 (see README.md).
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  supergraph: '../../schema/supergraph.graphql',
  // Forward the caller's identity and purpose of use to every subgraph.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      'x-purpose-of-use': request.headers.get('x-purpose-of-use') ?? undefined,
    }),
  },
});
