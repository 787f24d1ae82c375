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

let nativeHandler;

/** A subgraph's schema as the supergraph describes it (once the gateway has loaded the supergraph). */
export const subgraphSchema = (name) => {
  try { return nativeHandler?.getSubgraphSchema(name); } catch { return undefined; }
};

/** The unifiedGraphHandler: the native planner, except for operations with @defer/@stream. */
export async function incrementalAwareUnifiedGraphHandler(opts) {
  const native = await nativeUnifiedGraphHandler(opts);
  nativeHandler = native;
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

// ---- the payloads in the one process's format ----
// Hive's executor answers in the format of 2022 (graphql-js 17.0 alphas, Apollo's deferSpec=20220824): each
// incremental item carries its path and label, nothing announces it. The one process answers a client that
// asks for `multipart/mixed` or `text/event-stream` in graphql-js 17.1's format (`pending` with ids,
// `incremental` by id, `completed`) and keeps 2022's for `deferSpec=20220824`; usePayloadFormat does the same.

const APOLLO_DEFER_SPEC = /deferSpec=20220824/i;

function directive(node, name, variables) {
  const found = node.directives?.find((d) => d.name.value === name);
  if (!found) return undefined;
  const args = {};
  for (const arg of found.arguments ?? []) {
    const v = arg.value;
    args[arg.name.value] = v.kind === Kind.VARIABLE ? variables?.[v.name.value] : v.kind === Kind.INT ? Number(v.value) : v.kind === Kind.BOOLEAN ? v.value : v.kind === Kind.NULL ? null : v.value;
  }
  return args;
}
const included = (node, variables) => directive(node, 'skip', variables)?.if !== true && directive(node, 'include', variables)?.if !== false;

function conditionApplies(schema, typeCondition, objectType, value) {
  if (!typeCondition) return true;
  const condition = schema.getType(typeCondition.name.value);
  if (!condition) return false;
  const concrete = value && typeof value.__typename === 'string' ? schema.getType(value.__typename) : objectType;
  if (!concrete) return true;
  if (concrete === condition) return true;
  if ('getPossibleTypes' in condition || 'getInterfaces' in condition || 'getTypes' in condition) {
    try { return schema.isSubType(condition, concrete); } catch { return false; }
  }
  return false;
}

/**
 * The deferred fragments the initial payload leaves pending: each @defer (not `if: false`) met while walking the
 * operation over the initial data, at the path of the object it selects on (an object the initial data holds).
 * Fragments whose object's runtime type is unknown here are announced when their payload arrives.
 */
export function initialPending(schema, document, operationName, variables, data) {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  const fragments = Object.fromEntries(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const root = operation && (operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType());
  const pending = [];
  const seen = new Set();
  const walk = (selectionSet, type, value, path) => {
    if (!value || typeof value !== 'object' || !type) return;
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!selection.selectionSet || !('getFields' in type)) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        let named = field.type;
        while (named.ofType) named = named.ofType;
        const visit = (v, p) => (Array.isArray(v) ? v.forEach((item, i) => visit(item, [...p, i])) : walk(selection.selectionSet, v && v.__typename ? schema.getType(v.__typename) ?? named : named, v, p));
        visit(value[key], [...path, key]);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment || !conditionApplies(schema, fragment.typeCondition, type, value)) continue;
      const defer = directive(selection, 'defer', variables);
      if (defer && defer.if !== false) {
        const id = JSON.stringify([path, defer.label ?? null, selection.loc?.start ?? pending.length]);
        if (!seen.has(id)) { seen.add(id); pending.push({ path, label: defer.label ?? undefined }); }
        continue;
      }
      walk(fragment.selectionSet, type, value, path);
    }
  };
  if (operation && root) walk(operation.selectionSet, root, data, []);
  return pending;
}

/** An error whose path runs past a null in the response points at that null (the stitching runtime repeats the
 *  field's name of an entity fetched from another subgraph: [..., "allocation", "allocation"]). */
function pathOntoData(error, data, base = []) {
  if (!Array.isArray(error?.path) || error.path.length <= base.length) return error;
  let value = data;
  for (let i = base.length; i < error.path.length; i++) {
    if (value === null || value === undefined || typeof value !== 'object') {
      return { ...(error.toJSON ? error.toJSON() : error), path: error.path.slice(0, i) };
    }
    value = value[error.path[i]];
  }
  return error;
}

export function usePayloadFormat() {
  return {
    onExecute({ args }) {
      if (!asksForIncrementalDelivery(args.document)) return;
      const accept = args.contextValue?.request?.headers?.get?.('accept') ?? '';
      const apollo = APOLLO_DEFER_SPEC.test(accept);
      return {
        onExecuteDone({ result }) {
          if (!result || typeof result[Symbol.asyncIterator] !== 'function') return;
          // id by announcement order; open: ids announced and not yet completed, with their path and label.
          const open = [];
          let nextId = 0;
          const announce = (path, label) => { const entry = { id: String(nextId++), path, label }; open.push(entry); return entry; };
          let first = true;
          return {
            onNext({ result: payload, setResult }) {
              if (first) {
                first = false;
                const errors = payload.errors?.map((e) => pathOntoData(e, payload.data));
                if (apollo) { if (errors) setResult({ ...payload, errors }); return; }
                const pending = payload.hasNext ? initialPending(args.schema, args.document, args.operationName, args.variableValues, payload.data) : [];
                const announced = pending.map((p) => announce(p.path, p.label));
                setResult({
                  ...payload,
                  ...(errors ? { errors } : {}),
                  ...(announced.length ? { pending: announced.map(({ id, path, label }) => (label === undefined ? { id, path } : { id, path, label })) } : {}),
                });
                return;
              }
              const items = (payload.incremental ?? []).map((item) => ({
                ...item,
                ...(item.errors ? { errors: item.errors.map((e) => pathOntoData(e, item.data ?? item.items, item.items ? item.path.slice(0, -1) : item.path)) } : {}),
              }));
              if (apollo) { setResult({ ...payload, ...(payload.incremental ? { incremental: items } : {}) }); return; }
              const pending = [], incremental = [], completed = [];
              for (const item of items) {
                const streamed = Array.isArray(item.items);
                const path = streamed ? item.path.slice(0, -1) : item.path;
                const key = JSON.stringify(path);
                let entry = open.find((o) => JSON.stringify(o.path) === key && o.label === (item.label ?? undefined));
                if (!entry) {
                  entry = announce(path, item.label ?? undefined);
                  pending.push(item.label === undefined ? { id: entry.id, path } : { id: entry.id, path, label: item.label });
                }
                if (streamed) {
                  // One entry per stream and payload, its items in order (Hive sends one item per entry).
                  const same = incremental.find((i) => i.id === entry.id);
                  if (same) { same.items.push(...item.items); if (item.errors) same.errors = [...(same.errors ?? []), ...item.errors]; }
                  else incremental.push({ id: entry.id, items: [...item.items], ...(item.errors ? { errors: item.errors } : {}) });
                  continue;
                }
                if (item.data === null) {
                  // The fragment's null reached its own root: 17.1 completes it with the errors.
                  completed.push({ id: entry.id, errors: item.errors });
                } else {
                  incremental.push({ id: entry.id, data: item.data, ...(item.errors ? { errors: item.errors } : {}) });
                  completed.push({ id: entry.id });
                }
                open.splice(open.indexOf(entry), 1);
              }
              // Streams have no end of their own in the 2022 format: the last payload completes what is open.
              if (payload.hasNext === false) for (const entry of open.splice(0)) completed.push({ id: entry.id });
              setResult({
                hasNext: payload.hasNext,
                ...(pending.length ? { pending } : {}),
                ...(incremental.length ? { incremental } : {}),
                ...(completed.length ? { completed } : {}),
                ...(payload.extensions ? { extensions: payload.extensions } : {}),
              });
            },
          };
        },
      };
    },
  };
}
