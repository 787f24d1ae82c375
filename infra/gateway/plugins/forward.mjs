// Queries one subgraph answers whole, forwarded as the client sent them.
//
// Most of the gateway's time on a small query goes to work the subgraph repeats: parsing and validating the document,
// planning it, and projecting the subgraph's answer back onto the client's selection. When the native planner's plan for
// a document is a single fetch from one subgraph, with no entity step after it, and the client's document is valid
// against that subgraph's own schema, the subgraph can answer the client's document itself and its answer is the
// client's answer: the same server code answers it as the one process would. This plugin learns that from the plan of
// each document's first execution (the ordinary path: the gateway's limits, validation and planning run then), and from
// then on forwards such a query's HTTP request straight to the subgraph, with the headers the ordinary path would send
// (the caller's token and purpose of use, trace context, request id, the client's coordinates, the gateway's signature)
// and relays the subgraph's response: status, body and challenge.
//
// What stays on the ordinary path: mutations (a forwarded request that failed half-way could not safely be retried
// there), subscriptions, @defer/@stream, documents with a plan of more than one fetch, persisted-query extensions, GET,
// batched requests, and any response format other than JSON. Limits: the document passed the gateway's depth, token and
// field limits on its first execution (they depend on the text alone); its cost, which may depend on the variables, is
// judged by the subgraph with the same limit and the same answer. When the subgraph cannot be reached, the request takes
// the ordinary path, which reports the failure as it always does.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Kind, parse, validate } from 'graphql';
import { useQueryPlan } from '@graphql-hive/router-runtime';
import { asksForIncrementalDelivery, subgraphSchema } from './incremental.mjs';
import { SIGNATURE_HEADER, documentHash, signBody } from './edge.mjs';

// What is remembered: at most 500 documents of at most 10,000 characters each (a few MB however hostile the traffic).
const MAX_DOCUMENTS = 500;
const MAX_QUERY = 10000;
const MAX_BODY = 64 * 1024;
const JSON_ACCEPT = /^\s*(application\/(graphql-response\+)?json|\*\/\*)(\s*[;,].*)?$/i;
const FORWARDED = ['authorization', 'x-purpose-of-use', 'traceparent', 'tracestate', 'accept'];
const RELAYED = ['content-type', 'www-authenticate', 'retry-after', 'cache-control'];

const keyOf = (query, operationName) => `${operationName ?? ''}\u0000${query}`;

const requestIds = new WeakMap();

/** A client request's id: its X-Request-Id, else one made for it once. Hive's requestId option generates with this too,
 * so the response, the ordinary path's subgraph calls and a forwarded request carry the same id. */
export function requestIdOf(request) {
  let id = request.headers.get('x-request-id') || requestIds.get(request);
  if (!id) requestIds.set(request, (id = randomUUID()));
  return id;
}

/**
 * @param {object} options
 * @param {Record<string, string>} options.subgraphs the subgraphs' URLs by name (the supergraph's join__graph)
 * @param {(url: string) => string} [options.instance] the instance of a subgraph to send the next request to
 * @param {string} [options.secret] the gateway's signing secret
 * @param {boolean} [options.announce] name the subgraph in the answer's X-Gateway-Forwarded header (Development)
 */
export function useSingleSubgraphForwarding({ subgraphs, instance = (url) => url, secret, announce = false }) {
  // What the first execution of each document showed: { service, operationName } to forward, or false.
  const learned = new Map();
  let current = null;
  const plans = useQueryPlan({ onQueryPlan: (plan) => { if (current) learn(current, plan); } });

  function remember(key, value) {
    if (learned.size >= MAX_DOCUMENTS) learned.delete(learned.keys().next().value);
    learned.set(key, value);
  }

  function learn({ params, document }, plan) {
    const key = keyOf(params.query, params.operationName);
    if (learned.has(key)) return;
    const node = plan?.node;
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION
      && (!params.operationName || d.name?.value === params.operationName));
    const schema = node?.kind === 'Fetch' ? subgraphSchema(node.serviceName) : undefined;
    const single = node?.kind === 'Fetch' && !node.requires && node.operationKind === 'query'
      && operation?.operation === 'query' && subgraphs[node.serviceName] && schema
      && !asksForIncrementalDelivery(document) && validate(schema, document).length === 0;
    remember(key, single ? { service: node.serviceName, operationName: params.operationName ?? operation.name?.value } : false);
  }

  async function forward({ request, fetchAPI, endResponse }) {
    if (request.method !== 'POST' || learned.size === 0) return;
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return;
    const accept = request.headers.get('accept');
    if (accept && !accept.split(',').every((a) => JSON_ACCEPT.test(a))) return;
    const length = Number(request.headers.get('content-length') ?? NaN);
    if (!(length > 0 && length <= MAX_BODY)) return;
    const body = await request.clone().text();
    let params;
    try { params = JSON.parse(body); } catch { return; }
    if (!params || typeof params !== 'object' || Array.isArray(params) || typeof params.query !== 'string'
      || (params.extensions && Object.keys(params.extensions).length)) return;
    const decision = learned.get(keyOf(params.query, params.operationName));
    if (!decision) return;
    const headers = { 'content-type': 'application/json', 'x-request-id': requestIdOf(request), 'x-client-document-hash': documentHash(params.query) };
    for (const name of FORWARDED) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    if (decision.operationName) headers['x-client-operation-name'] = decision.operationName;
    if (secret) headers[SIGNATURE_HEADER] = signBody(secret, body);
    let upstream;
    try {
      upstream = await post(instance(subgraphs[decision.service]), headers, body);
    } catch {
      return; // the ordinary path answers, with the failure as it reports it
    }
    const relayed = {};
    for (const name of RELAYED) {
      const value = upstream.headers[name];
      if (value !== undefined) relayed[name] = value;
    }
    if (announce) relayed['x-gateway-forwarded'] = decision.service;
    endResponse(new fetchAPI.Response(upstream.body, { status: upstream.status, headers: relayed }));
  }

  return {
    onRequest: forward,
    // A new supergraph may plan a document differently: learn again.
    onSchemaChange() { learned.clear(); },
    onExecute(payload) {
      // The operation's own parameters (Yoga's context carries them, one context per operation).
      const { params, request } = payload.args.contextValue ?? {};
      const learnable = request?.method === 'POST' && typeof params?.query === 'string' && params.query.length <= MAX_QUERY;
      const inner = learnable && !learned.has(keyOf(params.query, params.operationName)) ? plans.onExecute(payload) : undefined;
      if (!inner) return;
      return {
        onExecuteDone(done) {
          // useQueryPlan hands over the plan of this execution synchronously, within its onExecuteDone.
          current = { params, document: payload.args.document };
          try { inner.onExecuteDone({ ...done, setResult() {} }); } finally { current = null; }
        },
      };
    },
  };
}

// Node's own client with kept-alive connections: a fetch() (undici) costs several times as much CPU per call, which on
// this path is most of what the gateway does.
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };
const TIMEOUT_MS = 60000;

const targets = new Map();

function post(url, headers, body) {
  let target = targets.get(url);
  if (!target) targets.set(url, (target = new URL(url)));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target, { method: 'POST', agent: agents[target.protocol], headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
