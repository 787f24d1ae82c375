// What the gateway adds at the edge, as Hive Gateway plugins (Envelop/Yoga hooks):
//  - 401 with WWW-Authenticate for a request without a well-formed bearer token, in the one process's
//    words; a well-formed token the subgraphs refuse is relayed as their 401 (they alone hold the keys);
//  - the client's coordinates forwarded to every subgraph fetch: X-Client-Operation-Name and
//    X-Client-Document-Hash ("sha256:" + hex, as the Server's PreparedDocument.ComputeHash), so that
//    disclosure records written by several subgraphs describe one client request;
//  - an HMAC-SHA256 signature of every subgraph fetch's body (X-Gateway-Signature), which subgraphs
//    configured with GraphQL:Federation:GatewaySecret require.
import { createHash, createHmac } from 'node:crypto';
import { GraphQLError } from 'graphql';

const JSON_TYPE = 'application/json; charset=utf-8';

function unauthenticated(fetchAPI, message, challenge) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': JSON_TYPE, 'www-authenticate': challenge, 'cache-control': 'no-store' },
  });
}

// A JWS compact serialisation: three base64url segments (the Server's reader says "malformed" otherwise).
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Checks the bearer token's presence and shape before any planning; the subgraphs still validate it. */
export function useEdgeAuthentication({ graphqlPath = '/graphql' } = {}) {
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== graphqlPath) return;
      // GraphiQL (a browser asking for HTML) and WebSocket upgrades are left to their own handling:
      // the one process serves GraphiQL without a token, and a socket carries its token in connection_init.
      if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') return;
      if (request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html')) return;
      const header = request.headers.get('authorization');
      const match = header && /^Bearer\s+(.+)$/i.exec(header.trim());
      if (!match) {
        endResponse(unauthenticated(fetchAPI, 'Authentication required: send a bearer token in the Authorization header.', 'Bearer'));
        return;
      }
      if (!JWS.test(match[1].trim())) {
        endResponse(unauthenticated(fetchAPI, 'The bearer token was refused: The token is malformed.',
          'Bearer error="invalid_token", error_description="The token is malformed"'));
      }
    },
  };
}

/**
 * Request errors answer the client as the one process does. A subgraph that refuses the whole request (401 for
 * the caller's token, 403 without a purpose of use, 400 for an unknown one: a 4xx whose body has no `data`)
 * refuses the client's request: the first such answer is relayed verbatim (status, challenge, body) instead of
 * being turned into field errors. A result the gateway itself ends with errors and no `data` (cost, variables)
 * is a request error too: 400, as the one process answers. A result whose errors all have paths (field errors
 * that reached the root) keeps `data: null`.
 */
export function useRequestErrors() {
  const refusals = new WeakMap();
  return {
    onFetch({ context }) {
      const request = context?.request;
      return ({ response }) => {
        if (!request || refusals.has(request) || response.status < 400 || response.status >= 500) return;
        const refusal = response.clone().text().then((text) => {
          try {
            const body = JSON.parse(text);
            return body && Array.isArray(body.errors) && !('data' in body) ? text : null;
          } catch {
            return null;
          }
        });
        refusals.set(request, { status: response.status, challenge: response.headers.get('www-authenticate'), body: refusal });
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (result && !(Symbol.asyncIterator in result) && result.errors?.length && !('data' in result)
              && result.errors.every((e) => Array.isArray(e.path) && e.path.length > 0)) {
            setResult({ data: null, ...result });
          }
        },
      };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const respond = (status, body, challenge) => (_result, fetchAPI, acceptedMediaType) => new fetchAPI.Response(body, {
        status,
        headers: {
          'content-type': `${acceptedMediaType === 'application/graphql-response+json' ? acceptedMediaType : 'application/json'}; charset=utf-8`,
          'cache-control': 'no-store',
          ...(challenge ? { 'www-authenticate': challenge } : {}),
        },
      });
      const refusal = refusals.get(request);
      if (refusal) {
        return refusal.body.then((body) => {
          if (body !== null) {
            setResultProcessor(respond(refusal.status, body, refusal.challenge), 'application/json');
          }
        });
      }
      if (result && !Array.isArray(result) && !(Symbol.asyncIterator in result) && result.errors?.length && !('data' in result)) {
        // Yoga's own status hint (extensions.http) is spent here, as Yoga spends it, not sent.
        const errors = result.errors.map((e) => {
          const { http, ...extensions } = (e.toJSON ? e.toJSON() : e).extensions ?? {};
          const json = e.toJSON ? e.toJSON() : { ...e };
          return Object.keys(extensions).length ? { ...json, extensions } : (({ extensions: _, ...rest }) => rest)(json);
        });
        setResultProcessor(respond(400, JSON.stringify({ ...result, errors })), 'application/json');
      }
    },
  };
}

// Clients repeat a few documents: each text (up to 10,000 characters) is hashed once; at most 1,000 are kept, the oldest
// forgotten first.
const hashes = new Map();

/** A document's hash as the one process records it ("sha256:" + hex of the text, as the Server's PreparedDocument.ComputeHash). */
export function documentHash(text) {
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');
    if (text.length > 10000) return hash;
    if (hashes.size >= 1000) hashes.delete(hashes.keys().next().value);
    hashes.set(text, hash);
  }
  return hash;
}

/** The executed operation's name and the document's hash, as the one process would record them. */
export function useClientCoordinates() {
  const coordinates = new WeakMap();
  // Without an operationName in the request, the document's (only) operation's name.
  const nameFromDocument = (args) => {
    const context = args.contextValue;
    const c = context?.socket ? null : coordinates.get(context?.request);
    if ((c && !c.operationName) || (context && !context.clientOperationName)) {
      const op = args.document.definitions.find((d) => d.kind === 'OperationDefinition');
      if (c && !c.operationName) c.operationName = op?.name?.value;
      if (context && !context.clientOperationName) context.clientOperationName = op?.name?.value ?? '';
    }
  };
  return {
    onParams({ params, request, context }) {
      if (typeof params.query !== 'string') return;
      const c = { hash: documentHash(params.query), operationName: params.operationName ?? undefined };
      // Also on the operation's context, where the headers of a subscription's subgraph socket read them
      // (gateway.config.ts); over a client socket the request is the upgrade, shared by every operation on it.
      if (context) {
        context.clientDocumentHash = c.hash;
        context.clientOperationName = c.operationName ?? '';
      }
      if (!context?.socket) coordinates.set(request, c);
    },
    onExecute: ({ args }) => nameFromDocument(args),
    onSubscribe: ({ args }) => nameFromDocument(args),
    onFetch({ context, options, setOptions }) {
      const c = context?.request && coordinates.get(context.request);
      if (!c) return;
      const headers = { ...(options.headers ?? {}), 'x-client-document-hash': c.hash };
      if (c.operationName) headers['x-client-operation-name'] = c.operationName;
      setOptions({ ...options, headers });
    },
  };
}

export const SIGNATURE_HEADER = 'x-gateway-signature';

/** HMAC-SHA256 over the exact bytes of each subgraph request body (hex, "sha256=" prefixed). */
export function signBody(secret, body) {
  return 'sha256=' + createHmac('sha256', secret).update(body ?? '', 'utf8').digest('hex');
}

/** Signs every subgraph fetch; must run after every plugin that changes the body (so: last). */
export function useUpstreamSignature({ secret }) {
  return {
    onFetch({ options, setOptions }) {
      const body = typeof options.body === 'string' ? options.body : '';
      setOptions({ ...options, headers: { ...(options.headers ?? {}), [SIGNATURE_HEADER]: signBody(secret, body) } });
    },
  };
}

// ---- graphql-transport-ws: the caller of a socket, as the one process decides it ----

/** A key of a connection_init payload, in any case (the Server's CallerWebSocketAuthenticator reads them so). */
function find(object, key) {
  if (!object || typeof object !== 'object') return undefined;
  const k = Object.keys(object).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : object[k];
}

/**
 * The socket's credentials where the one process looks for them: the connection_init payload's `Authorization`
 * ("Bearer …"), else its `token`, else a `headers` object's `Authorization`, else the upgrade request's header; the
 * purpose of use from the payload's `X-Purpose-Of-Use` (or `purposeOfUse`), else the upgrade's header.
 */
export function socketCredentials(connectionParams, upgradeHeaders) {
  const params = connectionParams ?? {};
  let authorization;
  const given = find(params, 'Authorization');
  const token = find(params, 'token');
  const inner = find(find(params, 'headers'), 'Authorization');
  if (given !== undefined) authorization = typeof given === 'string' ? given : '';
  else if (typeof token === 'string') authorization = /^Bearer\s/i.test(token.trim()) ? token.trim() : `Bearer ${token.trim()}`;
  else if (inner !== undefined) authorization = typeof inner === 'string' ? inner : '';
  else authorization = upgradeHeaders?.get('authorization') ?? undefined;
  const purpose = find(params, 'X-Purpose-Of-Use') ?? find(params, 'purposeOfUse');
  return {
    authorization,
    purpose: typeof purpose === 'string' ? purpose : upgradeHeaders?.get('x-purpose-of-use') ?? undefined,
  };
}

/**
 * Refuses a socket whose caller the one process would refuse at connection_init (no token, a malformed or untrusted
 * one, a purpose of use that is not one), by closing it with 4403 "Forbidden" as the one process does. The gateway
 * holds no keys: a well-formed token is judged by a subgraph (`probeUrl`), asked once per socket for `{ __typename }`
 * with the socket's credentials (signed when the gateway signs); its 401, 403 or 400 refuses the socket. The
 * credentials found are put on the context (`callerAuthorization`, `callerPurpose`; over HTTP, the request's headers)
 * for the subgraph calls and the subgraph sockets of subscriptions.
 */
export function useSocketAuthentication({ probeUrl, secret }) {
  const decisions = new WeakMap();
  const decide = async ({ authorization, purpose }) => {
    const match = authorization && /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (!match || !JWS.test(match[1].trim())) return false;
    if (!probeUrl) return true;
    const body = '{"query":"{ __typename }"}';
    const headers = { 'content-type': 'application/json', authorization: authorization.trim() };
    if (purpose) headers['x-purpose-of-use'] = purpose;
    if (secret) headers[SIGNATURE_HEADER] = signBody(secret, body);
    try {
      const res = await fetch(probeUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(10000) });
      await res.arrayBuffer();
      return !(res.status === 400 || res.status === 401 || res.status === 403);
    } catch {
      // The subgraph could not be asked: the socket goes on, and each subgraph still judges the token itself.
      return true;
    }
  };
  return {
    onParams({ request, context, setResult }) {
      if (!context) return;
      const socket = context.socket;
      if (!socket || typeof socket.close !== 'function') {
        context.callerAuthorization = request.headers.get('authorization') ?? '';
        context.callerPurpose = request.headers.get('x-purpose-of-use') ?? '';
        return;
      }
      const credentials = socketCredentials(context.connectionParams, context.request?.headers);
      context.callerAuthorization = credentials.authorization ?? '';
      context.callerPurpose = credentials.purpose ?? '';
      let decision = decisions.get(socket);
      if (!decision) decisions.set(socket, (decision = decide(credentials)));
      return decision.then((accepted) => {
        if (accepted) return;
        socket.close(4403, 'Forbidden');
        setResult({ errors: [new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } })] });
      });
    },
  };
}
