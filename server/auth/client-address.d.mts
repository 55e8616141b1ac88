// Types for client-address.mjs (plain JavaScript, so scripts/web-server.mjs runs it unbuilt).
export function normalizeAddress(address: string | undefined): string | undefined;
export function parseTrustedProxies(value: string | undefined): Set<string>;
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: ReadonlySet<string>,
): string | undefined;
