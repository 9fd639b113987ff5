import Docker from 'dockerode';
import { gatewayOf } from '../../src/docker/bridge-networks.js';
import { expectDocumented } from '../../test/support/openapi-check.js';
import { containerLogs } from './data-dummy.js';

const docker = new Docker();

/** The provisioned base image: present offline, with Node's fetch. */
const siblingImage = 'node:20-bookworm-slim';

export interface SiblingRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  token?: string;
}

export interface SiblingAnswer {
  status: number;
  body: unknown;
}

// Reads everything from the environment, so that the token never sits on a command line.
const script = `
const headers = { 'content-type': 'application/json' };
if (process.env.TOKEN) headers.authorization = 'Bearer ' + process.env.TOKEN;
fetch(process.env.URL, { method: process.env.METHOD, headers, body: process.env.BODY || undefined })
  .then(async (r) => console.log(JSON.stringify({
    status: r.status, type: r.headers.get('content-type'), body: await r.json(),
  })))
  .catch((e) => { console.error(String(e.cause ?? e)); process.exit(3); });
`;

/**
 * One request from another container on the default bridge network, as the Payram dashboard
 * makes it: the updater is reached through the bridge gateway, not through loopback. The answer
 * is checked against the updater's OpenAPI document.
 */
export async function requestFromSibling(request: SiblingRequest): Promise<SiblingAnswer> {
  const env = [`URL=${request.url}`, `METHOD=${request.method}`];
  if (request.body !== undefined) env.push(`BODY=${JSON.stringify(request.body)}`);
  if (request.token !== undefined) env.push(`TOKEN=${request.token}`);
  const container = await docker.createContainer({
    Image: siblingImage,
    Cmd: ['node', '-e', script],
    Env: env,
    HostConfig: { NetworkMode: 'bridge' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const output = await containerLogs(container.id);
    if (StatusCode !== 0) throw new Error(`sibling request failed (${StatusCode}): ${output}`);
    const { status, type, body } = JSON.parse(output) as SiblingAnswer & { type: string };
    const path = new URL(request.url).pathname;
    expectDocumented({ method: request.method, path, status, contentType: type, body });
    return { status, body };
  } finally {
    await container.remove({ force: true, v: true });
  }
}

/** The default bridge's gateway, where sibling containers reach services on the host. */
export async function defaultBridgeGateway(): Promise<string> {
  const info = await docker.getNetwork('bridge').inspect();
  const config = (info as { IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] } }).IPAM
    ?.Config?.[0];
  // Docker 20.10 leaves Gateway out on the default bridge; the daemon derives it the same way.
  const [gateway] = gatewayOf(config?.Gateway, config?.Subnet);
  if (gateway === undefined)
    throw new Error(`no gateway on the default bridge: ${JSON.stringify(info)}`);
  return gateway;
}
