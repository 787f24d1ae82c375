// @defer/@stream through the gateway. The native planner (@graphql-hive/router-query-planner 0.0.38, the only
// version our registry has) plans a deferred fragment into the same fetches as the rest of the operation and
// router-runtime 1.4.23's plan executor knows no "Defer" node: the client got one payload. Hive Gateway's
// JavaScript federation runtime (@graphql-mesh/fusion-runtime's handleFederationSupergraph over
// @graphql-tools/delegate) executes the operation itself against the stitched supergraph, resolving each field
// by delegating to its subgraph; its executor (@graphql-tools/executor) defers fragments and streams lists at the
// gateway, and delegation strips @defer from subgraph requests. So: operations that use @defer or @stream run
// on that runtime; every other operation keeps the native planner (README: "planner").
import { unifiedGraphHandler as nativeUnifiedGraphHandler } from '@graphql-hive/router-runtime';
import { handleFederationSupergraph } from '@graphql-mesh/fusion-runtime';
import { createDefaultExecutor } from '@graphql-tools/delegate';
import { BREAK, Kind, visit } from 'graphql';

const INCREMENTAL = new Set(['defer', 'stream']);
const usesIncremental = new WeakMap();

/** Whether the document asks for incremental delivery anywhere (operation or fragment). */
export function asksForIncrementalDelivery(document) {
  let found = usesIncremental.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    [Kind.DIRECTIVE](node) {
      if (INCREMENTAL.has(node.name.value)) { found = true; return BREAK; }
    },
  });
  usesIncremental.set(document, found);
  return found;
}

/** The unifiedGraphHandler: the native planner, except for operations with @defer/@stream. */
export async function incrementalAwareUnifiedGraphHandler(opts) {
  const native = await nativeUnifiedGraphHandler(opts);
  // Built on the first deferred operation: the stitched supergraph (its resolvers delegate to the subgraphs
  // through opts.onSubgraphExecute, so transports, header propagation and our fetch hooks apply unchanged).
  let incrementalExecutor;
  const executeIncrementally = (request) => {
    incrementalExecutor ??= createDefaultExecutor(handleFederationSupergraph(opts).unifiedGraph);
    return incrementalExecutor(request);
  };
  return {
    ...native,
    executor(request) {
      return asksForIncrementalDelivery(request.document) ? executeIncrementally(request) : native.executor(request);
    },
  };
}
