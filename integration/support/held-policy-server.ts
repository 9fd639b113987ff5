import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';

/**
 * Serves a policy file, but holds each answer until the test releases it: a real HTTP
 * peer that keeps a job in POLICY_FETCHING for as long as the test needs.
 */
export async function startHeldPolicyServer(policyPath: string) {
  const body = await readFile(policyPath);
  const waiting: ServerResponse[] = [];
  let holding = true;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    if (holding) waiting.push(res);
    else res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/policy.json`,
    requests: () => requests,
    release() {
      holding = false;
      for (const res of waiting.splice(0)) res.end(body);
    },
    async close() {
      this.release();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
