// Hive Gateway configuration (picked up from this directory, or given with --config-path):
//  - the supergraph: SUPERGRAPH (infra/local/federation.sh composes one per data directory, with the
//    subgraphs' ports), else schema/supergraph.graphql (join__graph URLs from compose.mjs);
//  - the native query planner (@graphql-hive/router-runtime), the configuration equivalent of --hive-router-runtime,
//    except for operations with @defer/@stream, which it cannot split (plugins/incremental.mjs);
//  - forwards Authorization, X-Purpose-Of-Use and traceparent; X-Request-Id (the client's, else a new UUID)
//    and X-Client-Operation-Name / X-Client-Document-Hash (plugins/edge.mjs);
//  - no merging of in-flight subgraph requests: its key is the URL and body only, so identical requests of
//    different callers, or that each must record a disclosure, would share one subgraph response
//    (tests/load-benchmark/federation.sh measures both settings);
//  - the subgraphs' limits (plugins/limits.mjs) and 401 at the edge; internal errors masked outside Development;
//  - sockets (graphql-transport-ws): the caller found in connection_init as the one process finds it, a socket it would
//    refuse closed with 4403 (plugins/edge.mjs useSocketAuthentication); subscriptions to the owning subgraph over
//    graphql-transport-ws with the caller's token, purpose and the client's operation name and document hash;
//  - with GATEWAY_SECRET set, every subgraph request signed (HMAC-SHA256; the subgraphs' GraphQL:Federation:GatewaySecret);
//  - with GATEWAY_INSTANCES (a JSON file, federation.sh --instances N), several instances per subgraph, round-robin (plugins/instances.mjs).
//  - a query the native planner answers with one fetch from one subgraph is forwarded to it as the client sent it,
//    from its second request on (plugins/forward.mjs); GATEWAY_FORWARD_SINGLE_SUBGRAPH=false turns that off.
import { defineConfig } from '@graphql-hive/gateway';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useClientCoordinates, useEdgeAuthentication, useRequestErrors, useSocketAuthentication, useUpstreamSignature, signBody, SIGNATURE_HEADER } from './plugins/edge.mjs';
import { incrementalAwareUnifiedGraphHandler, usePayloadFormat } from './plugins/incremental.mjs';
import { useCostLimit, useDocumentLimits, useTokenLimit, defaults } from './plugins/limits.mjs';
import { instancePicker, readInstances, useInstances } from './plugins/instances.mjs';
import { requestIdOf, useSingleSubgraphForwarding } from './plugins/forward.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const supergraph = process.env.SUPERGRAPH ? resolve(process.env.SUPERGRAPH) : resolve(here, '../../schema/supergraph.graphql');
const development = (process.env.GATEWAY_ENVIRONMENT ?? process.env.ASPNETCORE_ENVIRONMENT ?? 'Development') === 'Development';
const secret = process.env.GATEWAY_SECRET || undefined;
const limit = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const dedupe = process.env.GATEWAY_DEDUPLICATE === 'true';
const instances = readInstances(process.env.GATEWAY_INSTANCES);

// The subgraph that judges a socket's token (plugins/edge.mjs useSocketAuthentication): the directory, else the first.
const subgraphUrls = [...readFileSync(supergraph, 'utf8').matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)];
const probeUrl = (subgraphUrls.find((m) => m[1] === 'directory') ?? subgraphUrls[0])?.[2];
const pick = instancePicker(instances);
const forwarding = process.env.GATEWAY_FORWARD_SINGLE_SUBGRAPH !== 'false';

export const gatewayConfig = defineConfig({
  supergraph,
  // The native planner, and Hive's JavaScript runtime for operations with @defer/@stream (plugins/incremental.mjs).
  unifiedGraphHandler: incrementalAwareUnifiedGraphHandler,
  logging: (process.env.GATEWAY_LOG_LEVEL as any) ?? 'warn',
  maskedErrors: { isDev: development },
  requestId: { headerName: 'x-request-id', generateRequestId: ({ request }: any) => requestIdOf(request) },
  // @defer/@stream for clients (multipart/mixed, SSE), as the one process answers them.
  deferStream: true,
  propagateHeaders: {
    // Over a socket the caller is its connection_init payload's, found as the one process finds it (socketCredentials).
    fromClientToSubgraphs: ({ request, context }: any) => ({
      authorization: context?.socket ? context.callerAuthorization || undefined : request.headers.get('authorization') ?? undefined,
      'x-purpose-of-use': context?.socket ? context.callerPurpose || undefined : request.headers.get('x-purpose-of-use') ?? undefined,
      traceparent: request.headers.get('traceparent') ?? undefined,
      tracestate: request.headers.get('tracestate') ?? undefined,
    }),
  },
  transportEntries: {
    '*.http': {
      options: {
        deduplicateInflightRequests: dedupe,
        // Subscriptions go to the subgraphs over graphql-transport-ws (one socket per caller, token and purpose, and
        // subgraph); it carries the caller's token and purpose in connection_init, and the gateway's signature of
        // "GET /graphql" on the upgrade. The subgraph authorises each subscriber and records each delivery.
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          // The client's operation name and document hash (plugins/edge.mjs useClientCoordinates), so that the subgraph
          // records each delivery with the client's coordinates; a socket per operation name and document therefore.
          headers: [
            ['x-client-operation-name', '{context.clientOperationName}'],
            ['x-client-document-hash', '{context.clientDocumentHash}'],
            ...(secret ? [[SIGNATURE_HEADER, signBody(secret, 'GET /graphql')]] : []),
          ],
          options: {
            connectionParams: {
              Authorization: '{context.callerAuthorization}',
              'X-Purpose-Of-Use': '{context.callerPurpose}',
            },
          },
        },
      },
    },
  },
  plugins: () => [
    useEdgeAuthentication(),
    ...(forwarding ? [useSingleSubgraphForwarding({ subgraphs: Object.fromEntries(subgraphUrls.map((m) => [m[1], m[2]])), instance: pick, secret, announce: development })] : []),
    useSocketAuthentication({ probeUrl, secret }),
    useTokenLimit({ maxTokens: limit('GRAPHQL_MAX_TOKENS', defaults.maxTokens) }),
    useDocumentLimits({ maxDepth: limit('GRAPHQL_MAX_DEPTH', defaults.maxDepth), maxFields: limit('GRAPHQL_MAX_FIELDS', defaults.maxFields) }),
    useCostLimit({ supergraph, maxCost: limit('GRAPHQL_MAX_COST', defaults.maxCost), defaultListSize: limit('GRAPHQL_DEFAULT_LIST_SIZE', defaults.defaultListSize) }),
    useClientCoordinates(),
    usePayloadFormat(),
    useRequestErrors(),
    ...(instances ? [useInstances({ pick })] : []),
    ...(secret ? [useUpstreamSignature({ secret })] : []),
  ],
});
