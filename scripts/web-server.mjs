// The web server `npm start` runs (through serve.mjs): the built Next.js app behind a plain
// Node HTTP server, in place of `next start`, for one reason. Before Next.js sees a request,
// this server decides which address it comes from and writes that one address into
// X-Forwarded-For, which the login limit counts by (server/auth/client-address.mjs). `next
// start` keeps an X-Forwarded-For the client sent, so a guesser could claim a new address
// for every attempt. By default the address is the connection's; with TREINO_TRUSTED_PROXIES
// the header is read on connections from those proxies, from the right.
//
// Otherwise as `next start`: HOST and PORT, NODE_ENV=production unless set, and on SIGTERM or
// SIGINT it stops accepting connections, finishes the requests under way and exits.
import http from "node:http";
import { fileURLToPath } from "node:url";
import { clientAddress, parseTrustedProxies } from "../server/auth/client-address.mjs";
import { missingSharedSecrets } from "../server/shared-secrets.mjs";

process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";

const dir = fileURLToPath(new URL("..", import.meta.url));
const hostname = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? "3000");

// On several hosts, refuse to start without the secrets they share (server/shared-secrets.mjs):
// otherwise the first request would fail, or each host would make sessions of its own.
const refusal = missingSharedSecrets(process.env);
if (refusal) {
  console.error(`[web] ${refusal}`);
  process.exit(1);
}

let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.TREINO_TRUSTED_PROXIES);
} catch (err) {
  console.error(`[web] ${err.message}`);
  process.exit(1);
}

const { default: next } = await import("next");
const app = next({ dev: false, dir, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer(async (req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  try {
    await handle(req, res);
  } catch (err) {
    console.error(`[web] failed to handle request for ${req.url}`, err);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  }
});

server.on("error", (err) => {
  console.error("[web] failed to start the server", err);
  process.exit(1);
});

server.listen(port, hostname, () => {
  const trust = trustedProxies.size ? `X-Forwarded-For from ${[...trustedProxies].join(", ")}` : "the connection (no trusted proxies)";
  console.log(`[web] ready on ${hostname}:${port}; client addresses from ${trust}`);
});

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  // Stop accepting connections, close idle keep-alive ones, let requests under way finish.
  server.close(async (err) => {
    if (err) console.error(err);
    await app.close().catch(console.error);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
  server.closeIdleConnections();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
