// The document limits a subgraph enforces (GraphQL:MaxTokens, MaxDepth, MaxFields, MaxCost, DefaultListSize;
// see src/Commissioning.Graph.Server/GraphQLServerOptions.cs), enforced at the gateway with the one process's
// messages and extensions.code, so that a client sees the same refusal whichever shape serves it:
//  - tokens: DOCUMENT_LIMIT_EXCEEDED from the parser ("Document contains more than N tokens. Parsing aborted.");
//  - depth and field count of each operation, fragments expanded (Validation/Rules/DocumentLimitsRule.cs):
//    DEPTH_LIMIT_EXCEEDED / DOCUMENT_LIMIT_EXCEEDED;
//  - static cost after the IBM cost directives (Server/Cost/CostAnalyzer.cs), computed over the supergraph's
//    @cost/@listSize: COST_LIMIT_EXCEEDED, and extensions.cost = { requested, maximum } on every result.
import { readFileSync } from 'node:fs';
import { GraphQLError, Kind, parse } from 'graphql';

export const defaults = { maxTokens: 15000, maxDepth: 15, maxFields: 1000, maxCost: 10000, defaultListSize: 10 };

function limitError(message, code, nodes) {
  return new GraphQLError(message, { nodes, extensions: { code } });
}

/** The token limit: the parser stops at maxTokens, as the Server's parser does. */
export function useTokenLimit({ maxTokens = defaults.maxTokens } = {}) {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens });
        } catch (e) {
          if (e instanceof GraphQLError && /tokens\. Parsing aborted\.$/.test(e.message)) {
            // graphql-js 16 writes "more that"; the Server's parser, "more than".
            throw new GraphQLError(e.message.replace('more that ', 'more than '), { source: e.source, positions: e.positions, extensions: { code: 'DOCUMENT_LIMIT_EXCEEDED' } });
          }
          throw e;
        }
      });
    },
  };
}

/** Depth and field count of each operation, as DocumentLimitsRule measures them (introspection not counted). */
export function documentLimitsRule({ maxDepth = defaults.maxDepth, maxFields = defaults.maxFields } = {}) {
  return (context) => ({
    OperationDefinition(operation) {
      measure(context, operation, maxDepth, maxFields);
      return false;
    },
    FragmentDefinition() {
      return false;
    },
  });
}

function measure(context, operation, maxDepth, maxFields) {
  let fields = 0;
  let work = 0;
  const maxWork = Math.max(10000, maxFields * 10);
  let depthReported = false;
  const active = new Set();
  const stack = [{ selections: operation.selectionSet.selections, depth: 0, fragment: null, index: 0 }];
  const label = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
  const report = (message, code, node) => context.reportError(limitError(message, code, [node]));
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.index >= top.selections.length) {
      if (top.fragment !== null) active.delete(top.fragment);
      stack.pop();
      continue;
    }
    const selection = top.selections[top.index++];
    if (++work > maxWork) {
      report(`${label} is too complex: its fragments expand to more than ${maxWork} selections.`, 'DOCUMENT_LIMIT_EXCEEDED', operation);
      return;
    }
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const depth = top.depth + 1;
      if (depth > maxDepth && !depthReported) {
        depthReported = true;
        report(`${label} exceeds the maximum depth of ${maxDepth}.`, 'DEPTH_LIMIT_EXCEEDED', selection);
      }
      if (++fields > maxFields) {
        report(`${label} selects more than the maximum of ${maxFields} fields.`, 'DOCUMENT_LIMIT_EXCEEDED', operation);
        return;
      }
      if (selection.selectionSet && !depthReported) stack.push({ selections: selection.selectionSet.selections, depth, fragment: null, index: 0 });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      stack.push({ selections: selection.selectionSet.selections, depth: top.depth, fragment: null, index: 0 });
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (active.has(name) || !fragment) continue;
      active.add(name);
      stack.push({ selections: fragment.selectionSet.selections, depth: top.depth, fragment: name, index: 0 });
    }
  }
}

export function useDocumentLimits(options = {}) {
  const rule = documentLimitsRule(options);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}

// ---- cost ---------------------------------------------------------------------------------------------

const COMPOSITE = new Set([Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.UNION_TYPE_DEFINITION]);
const DEFAULT_SLICING = ['first', 'last', 'limit'];

/** Types and fields of the supergraph with what the cost analysis reads: kinds, field types, @cost, @listSize. */
export function costModel(supergraphSdl) {
  const types = new Map();
  for (const d of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (!('name' in d) || !d.name || d.kind === Kind.DIRECTIVE_DEFINITION || d.kind === Kind.SCHEMA_DEFINITION) continue;
    const name = d.name.value;
    const entry = types.get(name) ?? { kind: null, directives: [], fields: new Map() };
    if (!d.kind.endsWith('_EXTENSION')) entry.kind = d.kind;
    entry.directives.push(...(d.directives ?? []));
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION || d.kind === Kind.INTERFACE_TYPE_EXTENSION) {
      for (const f of d.fields ?? []) entry.fields.set(f.name.value, f);
    }
    types.set(name, entry);
  }
  return types;
}

function directive(list, name) {
  return list?.find((d) => d.name.value === name);
}

/** A [String!] argument of a directive (one string given for a list, as input coercion allows), or null. */
function stringList(dir, name) {
  const arg = dir?.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind === Kind.LIST) return arg.value.values.filter((v) => v.kind === Kind.STRING).map((v) => v.value);
  if (arg.value.kind === Kind.STRING) return [arg.value.value];
  return null;
}

function weightOf(list) {
  const cost = directive(list, 'cost');
  const arg = cost?.arguments?.find((a) => a.name.value === 'weight');
  if (!arg) return null;
  const v = arg.value;
  if (v.kind === Kind.INT || v.kind === Kind.FLOAT || v.kind === Kind.STRING) {
    const n = Number(v.value);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

function namedType(type) {
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
}

function isList(type) {
  return (type.kind === Kind.NON_NULL_TYPE ? type.type : type).kind === Kind.LIST_TYPE;
}

export function computeCost(types, document, operation, variables, defaultListSize) {
  const rootName = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[operation.operation];
  if (!types.has(rootName)) return 0;
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const active = new Set();

  // The largest slicing argument given (several at once are priced at the largest whatever requireOneSlicingArgument
  // says: the field refuses the combination it forbids), else assumedSize, else the default (CostAnalyzer.ListSize).
  const listSize = (node, field, ls) => {
    let slicing = stringList(ls, 'slicingArguments') ?? DEFAULT_SLICING;
    let assumed = null;
    for (const a of ls?.arguments ?? []) {
      if (a.name.value === 'assumedSize' && a.value.kind === Kind.INT) assumed = Number(a.value.value);
    }
    let sliced = null;
    for (const arg of node.arguments ?? []) {
      if (!slicing.includes(arg.name.value)) continue;
      let value = null;
      if (arg.value.kind === Kind.INT) value = Number(arg.value.value);
      else if (arg.value.kind === Kind.VARIABLE && variables && variables[arg.value.name.value] != null) value = Number(variables[arg.value.name.value]);
      if (value !== null) sliced = Math.max(sliced ?? 0, value);
    }
    return sliced ?? assumed ?? defaultListSize;
  };

  // How many list values an argument carries, through variables, nested lists and input objects.
  const variableListValues = (value) =>
    Array.isArray(value) ? value.length + value.reduce((n, v) => n + variableListValues(v), 0)
    : value && typeof value === 'object' ? Object.values(value).reduce((n, v) => n + variableListValues(v), 0)
    : 0;
  const listValues = (value) =>
    value.kind === Kind.LIST ? value.values.length + value.values.reduce((n, v) => n + listValues(v), 0)
    : value.kind === Kind.OBJECT ? value.fields.reduce((n, f) => n + listValues(f.value), 0)
    : value.kind === Kind.VARIABLE && variables && value.name.value in variables ? variableListValues(variables[value.name.value])
    : 0;

  // A where/order value as a variable gives it: variables replaced by their values, literal objects and lists as
  // JSON ones, a literal leaf as null (only its place counts), an absent variable as undefined (costs nothing).
  const literalOrVariable = (value) =>
    value.kind === Kind.VARIABLE ? (variables && value.name.value in variables ? variables[value.name.value] : undefined)
    : value.kind === Kind.OBJECT ? Object.fromEntries(value.fields.map((f) => [f.name.value, literalOrVariable(f.value)]))
    : value.kind === Kind.LIST ? value.values.map(literalOrVariable)
    : null;

  // sized: { names, size } that the enclosing field's @listSize(sizedFields:) sets for lists of this selection.
  const fieldCost = (node, parentName, depth, sized) => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const parent = types.get(parentName);
    if (!parent || parent.kind === Kind.UNION_TYPE_DEFINITION) return 0;
    const field = parent.fields.get(name);
    if (!field) return 0;
    const typeName = namedType(field.type);
    const target = types.get(typeName);
    const composite = target ? COMPOSITE.has(target.kind) : false;
    let weight = weightOf(field.directives) ?? weightOf(target?.directives) ?? (composite ? 1 : 0);
    for (const arg of node.arguments ?? []) {
      const def = field.arguments?.find((a) => a.name.value === arg.name.value);
      if (def) weight += weightOf(def.directives) ?? 0;
      // As the Server does: a where/order is priced by its terms; any other list input, 1 per value
      // (a long filter costs work whatever it selects).
      const simplest = def ? simplestTermDepth(def) : null;
      weight += simplest !== null ? termsCost(literalOrVariable(arg.value), 0, simplest) : listValues(arg.value);
    }
    // A connection (sizedFields) is not multiplied itself: its slice is the size of the lists it names (edges, nodes).
    const ls = directive(field.directives, 'listSize');
    const sizedFields = stringList(ls, 'sizedFields');
    const forChildren = sizedFields?.length ? { names: sizedFields, size: listSize(node, field, ls) } : null;
    const children = node.selectionSet ? setCost(node.selectionSet, typeName, depth + 1, forChildren) : 0;
    if (!isList(field.type)) return weight + children;
    const size = sized && sized.names.includes(name) ? sized.size : listSize(node, field, ls);
    return size * (weight + children);
  };

  const setCost = (set, parentName, depth, sized) => {
    if (depth > 256) return 0;
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) total += fieldCost(s, parentName, depth, sized);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition && types.has(s.typeCondition.name.value) ? s.typeCondition.name.value : parentName;
        total += setCost(s.selectionSet, t, depth + 1, sized);
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (f && !active.has(f.name.value)) {
          active.add(f.name.value);
          const t = types.has(f.typeCondition.name.value) ? f.typeCondition.name.value : parentName;
          total += setCost(f.selectionSet, t, depth + 1, sized);
          active.delete(f.name.value);
        }
      }
    }
    return total;
  };
  return setCost(operation.selectionSet, rootName, 0, null);
}

// ---- cost of filters and sorts (README "Cost of filters and sorts"; CostAnalyzer.TermsCost) ----

/** Input objects enclosing the leaf of the simplest term: 2 in a filter ({status: {eq: X}}), 1 in a sort ({month: DESC}). */
function simplestTermDepth(argument) {
  const name = namedType(argument.type);
  if (name.endsWith('FilterInput')) return 2;
  if (name.endsWith('SortInput')) return 1;
  return null;
}

/** Each leaf value (an operand, each value of an in list, each direction) costs 2^(depth − simplest), at least 1. */
function termsCost(value, depth, simplest) {
  if (value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n, v) => n + termsCost(v, depth, simplest), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n, v) => n + termsCost(v, depth + 1, simplest), 0);
  return 2 ** Math.min(Math.max(depth - simplest, 0), 64);
}

function selectedOperation(document, operationName) {
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

/** Refuses an operation whose cost passes maxCost before any subgraph is asked; reports the cost on every result. */
export function useCostLimit({ supergraph, maxCost = defaults.maxCost, defaultListSize = defaults.defaultListSize, report = true }) {
  const types = costModel(readFileSync(supergraph, 'utf8'));
  const withCost = (result, cost) => (report ? { ...result, extensions: { ...(result.extensions ?? {}), cost: { requested: cost, maximum: maxCost } } } : result);
  // A request that passed validation but ended before execution (its variables refused) still reports its
  // cost, as the one process's does (it computes the cost before coercing variables).
  const validated = new WeakMap();
  // The cost of a document's operation, computed once per document and variables: the parser cache hands every
  // request of the same text the same document object, so a repeated query costs a map lookup, not a walk.
  const costs = new WeakMap();
  const costOf = (document, operation, variables) => {
    let byOperation = costs.get(document);
    if (!byOperation) costs.set(document, (byOperation = new Map()));
    const key = `${operation.name?.value ?? ''}\u0000${variables ? JSON.stringify(variables) : ''}`;
    let cost = byOperation.get(key);
    if (cost === undefined) {
      cost = computeCost(types, document, operation, variables, defaultListSize);
      // Bounded: a document sent with ever-different variables keeps only its latest costs.
      if (byOperation.size >= 64) byOperation.delete(byOperation.keys().next().value);
      byOperation.set(key, cost);
    }
    return cost;
  };
  return {
    onValidate({ params, context }) {
      return ({ valid }) => {
        if (valid && context?.request) validated.set(context.request, { document: params.documentAST, operationName: context.params?.operationName, variables: context.params?.variables });
      };
    },
    onExecutionResult({ request, result, setResult }) {
      const v = validated.get(request);
      if (!report || !v || !result || Array.isArray(result) || Symbol.asyncIterator in result || result.extensions?.cost || 'data' in result) return;
      const operation = selectedOperation(v.document, v.operationName);
      if (operation) setResult(withCost(result, costOf(v.document, operation, v.variables)));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = selectedOperation(args.document, args.operationName);
      if (!operation) return;
      const cost = costOf(args.document, operation, args.variableValues);
      if (maxCost > 0 && cost > maxCost) {
        setResultAndStopExecution({
          errors: [limitError(`The operation's cost, ${cost}, exceeds the maximum of ${maxCost}.`, 'COST_LIMIT_EXCEEDED')],
          extensions: { cost: { requested: cost, maximum: maxCost } },
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          // An incremental result reports its cost on its first payload, as the one process's does (except in
          // Apollo's deferSpec=20220824 format, whose payloads it sends without extensions).
          if (result && typeof result[Symbol.asyncIterator] === 'function') {
            if (/deferSpec=20220824/i.test(args.contextValue?.request?.headers?.get?.('accept') ?? '')) return undefined;
            let first = true;
            return { onNext({ result: payload, setResult }) { if (first) { first = false; setResult(withCost(payload, cost)); } } };
          }
          if (result) {
            const { extensions, ...rest } = result;
            // The subgraphs' own extensions (their partial costs) are theirs, not the client's.
            setResult(withCost({ ...rest, extensions: extensions && Object.fromEntries(Object.entries(extensions).filter(([k]) => k !== 'cost')) }, cost));
          }
        },
      };
    },
  };
}
