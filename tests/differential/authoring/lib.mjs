// Helpers for writing cases. A case is {id, schema, data, query, variables?,
// operationName?}; `expect` ('ok' | 'bad') and `count` are checked by build.mjs
// against the reference and are not written to the corpus.

export function maker(area, schema, defaults = {}) {
  const make = (expect) => (id, query, extra = {}) => ({
    id: `${area}.${id}`,
    schema: extra.schema ?? schema,
    data: extra.data ?? defaults.data ?? {},
    query,
    ...(extra.variables !== undefined ? { variables: extra.variables } : {}),
    ...(extra.operationName !== undefined ? { operationName: extra.operationName } : {}),
    ...(expect ? { expect } : {}),
    ...(extra.count !== undefined ? { count: extra.count } : {}),
  });
  return { ok: make('ok'), bad: make('bad'), any: make(null) };
}
