// Several instances of a subgraph behind one gateway (infra/local/federation.sh up --instances N): the supergraph names
// each subgraph by its first instance's URL; this plugin sends each subgraph request to the next instance in turn
// (round-robin per subgraph). GATEWAY_INSTANCES names a JSON file { "<first instance URL>": ["<URL>", ...], ... }.
// Subscriptions (WebSocket) keep the first instance's URL. A stopped instance's turns fail until it is back.
import { readFileSync } from 'node:fs';

export function readInstances(file) {
  if (!file) return null;
  const map = JSON.parse(readFileSync(file, 'utf8'));
  return Object.keys(map).length ? map : null;
}

/** The URL of the instance to send a subgraph's next request to, by its first instance's URL (round-robin per subgraph). */
export function instancePicker(instances) {
  const turn = new Map(Object.keys(instances ?? {}).map((k) => [k, 0]));
  return (url) => {
    const urls = instances?.[url];
    if (!urls || urls.length < 2) return url;
    const i = turn.get(url);
    turn.set(url, (i + 1) % urls.length);
    return urls[i];
  };
}

export function useInstances({ pick }) {
  return {
    onFetch({ url, setURL }) {
      const next = pick(url);
      if (next !== url) setURL(next);
    },
  };
}
