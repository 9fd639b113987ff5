import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP, type Socket } from 'node:net';
import type { Middleware } from 'koa';
import { UpdaterError } from '../shared/updater-error.js';

/** Builds the set of source networks from CIDRs or single addresses; throws on a bad entry. */
export function buildAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefixText] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`Not an IP address or CIDR: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`Bad prefix length in ${entry}`);
    }
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/**
 * Only the socket's peer address counts: forwarded-for headers are trivially forged. A socket's
 * peer never changes, so each keep-alive connection is checked once (status polls reuse theirs).
 */
export function restrictSources(allowed: BlockList): Middleware {
  const allowedSockets = new WeakSet<Socket>();
  return async (ctx, next) => {
    const socket = ctx.req.socket;
    if (!allowedSockets.has(socket)) {
      const peer = normalise(socket.remoteAddress ?? '');
      const family = isIP(peer);
      if (family === 0 || !allowed.check(peer, family === 4 ? 'ipv4' : 'ipv6')) {
        throw new UpdaterError(
          'FORBIDDEN_SOURCE',
          `Requests from ${peer || 'unknown'} are not allowed`,
        );
      }
      allowedSockets.add(socket);
    }
    await next();
  };
}

function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** With a token configured, every state-changing request must present it. */
export function requireToken(token: string | undefined): Middleware {
  const expected = token === undefined ? undefined : digest(token);
  return async (ctx, next) => {
    if (expected !== undefined && stateChanging.has(ctx.method)) {
      const presented = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1];
      // Compare digests so that neither timing nor length says anything about the token.
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        ctx.set('WWW-Authenticate', 'Bearer');
        throw new UpdaterError('UNAUTHORIZED', 'A valid bearer token is required');
      }
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
