/**
 * The address a request comes from, as the login limit counts it (./rate-limit.ts). The web
 * server (scripts/web-server.mjs) decides it before Next.js sees the request and writes it
 * into X-Forwarded-For, replacing whatever was there. Plain JavaScript with no dependencies,
 * so that server runs it as is and the test (client-address.test.ts) checks the same code;
 * the types are in client-address.d.mts.
 *
 * By default the address is the connection's own: a client can write any address it likes
 * into X-Forwarded-For, so a header it sent counts for nothing. Behind a reverse proxy, every
 * request's connection comes from the proxy; list the proxies in TREINO_TRUSTED_PROXIES and
 * the header is read, but only on connections from one of them, and from the right: each
 * trusted proxy appends the address it was connected from, so the right-most entry that is
 * not itself a trusted proxy is the client as the outermost trusted proxy saw it. Whatever
 * stands left of it was written by the client and is ignored. An entry that is not an
 * address stops the walk at the trusted proxy that passed it on.
 */
import { isIP } from "node:net";

/**
 * One spelling per address: an IPv4 client of a dual-stack socket (`::ffff:127.0.0.1`) is
 * 127.0.0.1, IPv6 in lower case. Undefined for anything that is not an IP address.
 */
export function normalizeAddress(address) {
  if (typeof address !== "string") return undefined;
  let a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) a = mapped[1];
  return isIP(a) ? a : undefined;
}

/**
 * One X-Forwarded-For entry as an address. Proxies write bare addresses; a port
 * (`203.0.113.7:5120`, `[2001:db8::7]:443`) or brackets are tolerated and dropped.
 */
function entryAddress(entry) {
  const e = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(e);
  if (bracketed) return normalizeAddress(bracketed[1]);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(e);
  return normalizeAddress(withPort ? withPort[1] : e);
}

/**
 * TREINO_TRUSTED_PROXIES: addresses separated by commas (spaces allowed), empty by default.
 * Throws on an entry that is not an IP address, so a typo fails at start rather than
 * silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(value) {
  const trusted = new Set();
  for (const raw of (value ?? "").split(",")) {
    if (raw.trim() === "") continue;
    const address = normalizeAddress(raw);
    if (!address) throw new Error(`TREINO_TRUSTED_PROXIES: "${raw.trim()}" is not an IP address (list proxy addresses separated by commas)`);
    trusted.add(address);
  }
  return trusted;
}

/**
 * The client's address for a request that arrived on a connection from `remoteAddress`
 * carrying `forwardedFor` (the X-Forwarded-For header, several headers joined by commas).
 * Undefined only when the connection's address is unknown (the socket already closed).
 */
export function clientAddress(remoteAddress, forwardedFor, trustedProxies) {
  let address = normalizeAddress(remoteAddress);
  if (!address || !trustedProxies.has(address) || forwardedFor === undefined) return address;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let i = entries.length - 1; i >= 0; i--) {
    const hop = entryAddress(entries[i]);
    if (!hop) break;
    address = hop;
    if (!trustedProxies.has(hop)) break;
  }
  return address;
}
