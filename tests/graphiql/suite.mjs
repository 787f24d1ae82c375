// GraphiQL in a real browser: headless Chromium (started by run-suite.sh, reached over CDP) drives the
// Development server's GraphiQL through its caller bar (organisation, scopes, purpose → POST /graphql/dev-token),
// runs queries from the editor and reads the response pane; then checks that a Production server serves
// neither GraphiQL nor the bar nor the token endpoint. One line per check, then "N passed, M failed".
//   node suite.mjs --cdp ws://… --dev http://127.0.0.1:P --prod http://127.0.0.1:Q
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (n) => { const i = args.indexOf(n); if (i < 0) throw new Error(`missing ${n}`); return args[i + 1]; };
const cdp = opt('--cdp'), dev = opt('--dev'), prod = opt('--prod');
const STEP_MS = Number(process.env.GRAPHIQL_STEP_TIMEOUT_MS ?? 30000);   // each check, on a busy machine

let passed = 0, failed = 0;
const check = async (name, body) => {
  let timer;
  try {
    await Promise.race([body(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${STEP_MS} ms`)), STEP_MS); })]);
    passed++; console.log(`PASS ${name}`);
  } catch (e) {
    failed++; console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  } finally { clearTimeout(timer); }
};
const assert = (cond, message) => { if (!cond) throw new Error(message); };

const browser = await chromium.connectOverCDP(cdp, { timeout: STEP_MS });
const context = browser.contexts()[0] ?? await browser.newContext();
const page = await context.newPage();
page.setDefaultTimeout(STEP_MS * 0.8);   // Playwright's own timeout names what it waited for

// Every GraphQL request the page sends, with the headers it carried and the status it got.
const sent = [];
page.on('response', async (r) => {
  const q = r.request();
  if (q.method() === 'POST' && new URL(q.url()).pathname === '/graphql') {
    sent.push({ body: q.postData() ?? '', authorization: q.headers().authorization, purpose: q.headers()['x-purpose-of-use'], status: r.status() });
  }
});

const editor = (selector) => `document.querySelector('${selector} .CodeMirror').CodeMirror`;
const QUERY_EDITOR = '.graphiql-query-editor', RESPONSE = '.graphiql-response';

/** Fills the bar and presses "Use"; resolves with the status line once the page has a new state. */
const useCaller = async ({ org, scopes = '', purpose = '' }) => {
  await page.evaluate(() => { document.getElementById('dev-status').dataset.state = 'stale'; });
  await page.fill('#dev-org', org);
  await page.fill('#dev-scopes', scopes);
  await page.selectOption('#dev-purpose', purpose);
  await page.click('#dev-use');
  await page.waitForSelector('#dev-status[data-state="ok"], #dev-status[data-state="error"]');
  return { state: await page.getAttribute('#dev-status', 'data-state'), text: await page.textContent('#dev-status') };
};

/** Types the query into GraphiQL's editor, presses run, and returns the response pane's JSON. */
const run = async (query) => {
  await page.waitForFunction(`!!document.querySelector('${QUERY_EDITOR} .CodeMirror')`);
  await page.evaluate(([q, e, r]) => { eval(e).setValue(q); eval(r).setValue(''); }, [query, editor(QUERY_EDITOR), editor(RESPONSE)]);
  const execute = async () => {
    await page.evaluate((r) => eval(r).setValue(''), editor(RESPONSE));
    await page.click('.graphiql-execute-button');
    return JSON.parse(await (await page.waitForFunction(`(() => { const v = ${editor(RESPONSE)}.getValue(); return v.trim().startsWith('{') && v; })()`)).jsonValue());
  };
  const before = sent.length;
  let response = await execute();
  // GraphiQL takes the operation name from its (debounced) parse of the editor: a click right after the text changes
  // can still send the previous document's name (after a reload, the restored tab's). Once that answer is back the
  // parse is done, so the second click sends the new one.
  if (codes(response).includes('OPERATION_RESOLUTION_FAILURE')) response = await execute();
  const request = sent.slice(before).reverse().find((s) => s.body.includes(query.slice(0, 30).replace(/"/g, '\\"')));
  return { response, request };
};

const claims = (authorization) => JSON.parse(Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1], 'base64url').toString());
const codes = (response) => (response.errors ?? []).map((e) => e.extensions?.code);

const returnsOf01A = 'query ReturnsOf01A { consortium(code: "01A") { name financialReturns(year: "2013-14", first: 2) { totalCount nodes { month status } } } }';

try {
  await check('Development: GraphiQL opens with the caller bar and fetches the schema as the default caller (no UNAUTHENTICATED greeting)', async () => {
    await page.goto(`${dev}/graphql`);
    await page.waitForSelector('#dev-identity');
    await page.waitForSelector('#dev-status[data-state="ok"]');
    assert((await page.textContent('#dev-status')).startsWith('Sending as 01A'), `status: ${await page.textContent('#dev-status')}`);
    await page.waitForSelector('.graphiql-execute-button');
    // The documentation explorer lists the schema's root types only when introspection succeeded.
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer :text("query: Query")');
    const introspections = sent.filter((s) => s.body.includes('IntrospectionQuery'));
    assert(introspections.length > 0 && introspections.every((s) => s.status === 200 && s.authorization?.startsWith('Bearer ')),
      `introspection requests: ${JSON.stringify(introspections.map((s) => [s.status, !!s.authorization]))}`);
    const pane = await page.evaluate(`${editor(RESPONSE)}.getValue()`);
    assert(!pane.includes('UNAUTHENTICATED'), `response pane: ${pane.slice(0, 200)}`);
  });

  await check('X24 (NHS CB) with a scope and FINANCIAL_ASSURANCE: the bar mints a token, GraphiQL sends it and the purpose, the response pane shows 01A\'s returns', async () => {
    const status = await useCaller({ org: 'X24', scopes: 'returns:review', purpose: 'FINANCIAL_ASSURANCE' });
    assert(status.state === 'ok' && status.text === 'Sending as X24 for FINANCIAL_ASSURANCE with returns:review', `status: ${status.text}`);
    const { response, request } = await run(returnsOf01A);
    assert(!response.errors, `errors: ${JSON.stringify(response.errors)}`);
    assert(response.data.consortium.name === 'Northvale North Commissioning Consortium', `data: ${JSON.stringify(response.data)}`);
    assert(response.data.consortium.financialReturns.totalCount > 0 && response.data.consortium.financialReturns.nodes.length === 2, `returns: ${JSON.stringify(response.data.consortium.financialReturns)}`);
    assert(request && request.purpose === 'FINANCIAL_ASSURANCE', `X-Purpose-Of-Use sent: ${request?.purpose}`);
    const c = claims(request.authorization);
    assert(c.org === 'X24' && c.scp === 'returns:review' && c.purpose === 'FINANCIAL_ASSURANCE', `token claims: ${JSON.stringify(c)}`);
  });

  await check('X24 for JSNA: the same field is FORBIDDEN with PURPOSE_NOT_PERMITTED (the new purpose is sent)', async () => {
    const status = await useCaller({ org: 'X24', purpose: 'JSNA' });
    assert(status.state === 'ok', `status: ${status.text}`);
    const { response, request } = await run(returnsOf01A);
    assert(request?.purpose === 'JSNA', `X-Purpose-Of-Use sent: ${request?.purpose}`);
    const error = response.errors?.[0];
    assert(error?.extensions?.code === 'FORBIDDEN' && error.extensions.reason === 'PURPOSE_NOT_PERMITTED', `errors: ${JSON.stringify(response.errors)}`);
    assert(response.data.consortium.financialReturns === null && response.data.consortium.name, `data: ${JSON.stringify(response.data)}`);
  });

  await check('Consortium 02B reading 01A\'s returns: FORBIDDEN (POLICY) in the response pane, the public name still there', async () => {
    const status = await useCaller({ org: '02B', purpose: 'FINANCIAL_ASSURANCE' });
    assert(status.state === 'ok' && status.text.startsWith('Sending as 02B'), `status: ${status.text}`);
    const { response } = await run(returnsOf01A);
    const error = response.errors?.[0];
    assert(error?.extensions?.code === 'FORBIDDEN' && error.extensions.reason === 'POLICY', `errors: ${JSON.stringify(response.errors)}`);
    assert(JSON.stringify(error.path) === '["consortium","financialReturns"]', `path: ${JSON.stringify(error.path)}`);
    assert(response.data.consortium.name === 'Northvale North Commissioning Consortium' && response.data.consortium.financialReturns === null, `data: ${JSON.stringify(response.data)}`);
  });

  await check('Consortium 01A with no purpose reads its own returns (no X-Purpose-Of-Use sent)', async () => {
    const status = await useCaller({ org: '01A', purpose: '' });
    assert(status.state === 'ok' && status.text === 'Sending as 01A', `status: ${status.text}`);
    const { response, request } = await run(returnsOf01A);
    assert(request && request.purpose === undefined, `X-Purpose-Of-Use sent: ${request?.purpose}`);
    assert(!response.errors && response.data.consortium.financialReturns.totalCount > 0, `response: ${JSON.stringify(response).slice(0, 300)}`);
  });

  await check('An unknown organisation: the bar says why, and GraphiQL then sends no stale token (UNAUTHENTICATED)', async () => {
    const status = await useCaller({ org: 'ZZ999' });
    assert(status.state === 'error' && status.text.includes('not a known organisation'), `status: ${status.state} ${status.text}`);
    const { response, request } = await run('{ __typename }');
    assert(request && request.authorization === undefined, 'an Authorization header was still sent');
    assert(codes(response).includes('UNAUTHENTICATED'), `response: ${JSON.stringify(response)}`);
  });

  await check('A reload restores the last caller that worked and applies it', async () => {
    await page.reload();
    await page.waitForSelector('#dev-status[data-state="ok"]');
    assert(await page.inputValue('#dev-org') === '01A' && await page.inputValue('#dev-purpose') === '', `bar: ${await page.inputValue('#dev-org')} ${await page.inputValue('#dev-purpose')}`);
    const { response } = await run('{ consortium(code: "01A") { code } }');
    assert(response.data?.consortium?.code === '01A', `response: ${JSON.stringify(response)}`);
  });

  await check('Production: no GraphiQL, no caller bar, no token endpoint', async () => {
    const prodPage = await context.newPage();
    prodPage.setDefaultTimeout(STEP_MS * 0.8);
    try {
      const navigation = await prodPage.goto(`${prod}/graphql`);
      assert(navigation.status() !== 200, `GET /graphql from a browser answered ${navigation.status()}`);
      const html = await prodPage.content();
      assert(!html.includes('dev-identity') && !html.includes('graphiql'), `page: ${html.slice(0, 200)}`);
      assert(await prodPage.locator('#dev-identity, .graphiql-container').count() === 0, 'GraphiQL elements present');
      const statuses = await prodPage.evaluate(async () => [
        (await fetch('/graphql/dev-token?org=01A', { method: 'POST' })).status,
        (await fetch('/graphql/graphiql/start.js')).status,
        (await fetch('/graphql/graphiql/graphiql.min.js')).status,
      ]);
      assert(statuses.every((s) => s === 404), `dev-token, start.js, graphiql.min.js: ${statuses}`);
    } finally { await prodPage.close(); }
  });
} finally {
  await browser.close().catch(() => {});
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
