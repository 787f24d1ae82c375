// graphql-js 16 behind graphql-http, serving the same SDL and JSON data as our mock server, with
// the same resolution rule (a field is the parent's own property of that name).
//   node node-server.mjs --port N --schema FILE --data FILE
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

const args = process.argv.slice(2);
const opt = (n) => args[args.indexOf(n) + 1];
const schema = buildSchema(readFileSync(opt('--schema'), 'utf8'));
const rootValue = JSON.parse(readFileSync(opt('--data'), 'utf8'));
const hasOwn = Object.prototype.hasOwnProperty;
const fieldResolver = (source, _a, _c, info) =>
  source !== null && typeof source === 'object' && !Array.isArray(source) && hasOwn.call(source, info.fieldName) ? source[info.fieldName] : undefined;
const handler = createHandler({ schema, rootValue, fieldResolver });
createServer((req, res) => {
  if (req.url.startsWith('/graphql')) return handler(req, res);
  res.writeHead(req.url === '/healthz' ? 200 : 404).end();
}).listen(Number(opt('--port')), '127.0.0.1');
