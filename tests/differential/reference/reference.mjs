#!/usr/bin/env node
// The reference engine of the differential test suite: graphql-js (pinned in
// package.json) driven under the `exec --jsonl` contract (see ../README.md).
//
//   node reference.mjs < cases.jsonl > responses.jsonl
//
// Every non-blank input line is one case
//   {"id", "schema", "data", "query", "variables"?, "operationName"?, "incremental"?}
// and produces exactly one output line, in input order:
//   {"id", "response": {...}}       the execution result
//   {"id", "response": {...}, "subsequent": [...]}
//                                   an incremental case (@defer/@stream): the
//                                   initial result and every later payload, in order
//   {"id", "schemaError": "..."}    the SDL does not build or the schema is invalid
//   {"id": null, "inputError": ...} the line is not JSON
//   {"id", "internalError": "..."}  anything else went wrong (never expected)

import {
  GraphQLError,
  buildSchema,
  experimentalExecuteIncrementally,
  graphql,
  parse,
  validate,
  validateSchema,
} from 'graphql';

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

// The contract's default resolver: the parent's OWN property named like the
// field, or null. A parent that is not a plain JSON object (a list, a string,
// a number, a boolean) has no fields, so every field of it is null.
function contractFieldResolver(parent, _args, _ctx, info) {
  const isRecord = parent !== null && typeof parent === 'object' && !Array.isArray(parent);
  if (!isRecord || !own(parent, info.fieldName)) return undefined;
  return parent[info.fieldName];
}

const textOf = (err) => (err != null && err.message !== undefined ? String(err.message) : String(err));

const plain = (value) => JSON.parse(JSON.stringify(value));

// "incremental": true runs the pipeline of graphql() (parse, validate with the
// specified rules) and then experimentalExecuteIncrementally. A document that
// does not parse or validate, or a result with nothing deferred or streamed,
// has no later payloads ("subsequent": []). graphql() itself refuses a schema
// that declares @defer/@stream, so such cases must be incremental.
async function executeIncrementally(schema, testCase) {
  let document;
  try {
    document = parse(testCase.query);
  } catch (err) {
    if (err instanceof GraphQLError) return { response: { errors: [err] }, subsequent: [] };
    throw err;
  }
  const errors = validate(schema, document);
  if (errors.length) return { response: { errors }, subsequent: [] };
  const result = await experimentalExecuteIncrementally({
    schema,
    document,
    rootValue: testCase.data === undefined ? null : testCase.data,
    variableValues: testCase.variables,
    operationName: testCase.operationName,
    fieldResolver: contractFieldResolver,
  });
  if (!('initialResult' in result)) return { response: result, subsequent: [] };
  const subsequent = [];
  for await (const payload of result.subsequentResults) subsequent.push(payload);
  return { response: result.initialResult, subsequent };
}

async function execute(testCase) {
  const id = testCase.id === undefined ? null : testCase.id;
  let schema;
  try {
    schema = buildSchema(testCase.schema);
  } catch (err) {
    return { id, schemaError: textOf(err) };
  }
  const problems = validateSchema(schema);
  if (problems.length) return { id, schemaError: problems.map(textOf).join('\n') };

  if (testCase.incremental === true) {
    const { response, subsequent } = await executeIncrementally(schema, testCase);
    return { id, response: plain(response), subsequent: plain(subsequent) };
  }

  const result = await graphql({
    schema,
    source: testCase.query,
    rootValue: testCase.data === undefined ? null : testCase.data,
    variableValues: testCase.variables,
    operationName: testCase.operationName,
    fieldResolver: contractFieldResolver,
  });
  // GraphQLError has a toJSON; a JSON round trip leaves plain data only.
  return { id, response: plain(result) };
}

async function handleLine(line) {
  let testCase;
  try {
    testCase = JSON.parse(line);
  } catch (err) {
    return { id: null, inputError: textOf(err) };
  }
  try {
    return await execute(testCase);
  } catch (err) {
    const id = testCase !== null && typeof testCase === 'object' && testCase.id !== undefined ? testCase.id : null;
    return { id, internalError: textOf(err) };
  }
}

async function main() {
  let input = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) input += chunk;
  const answers = [];
  for (const rawLine of input.split('\n')) {
    const line = rawLine.trim();
    if (line !== '') answers.push(JSON.stringify(await handleLine(line)));
  }
  process.stdout.write(answers.map((a) => a + '\n').join(''));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
