/**
 * The submission page's live feed (server-sent events): one `view` event with the whole
 * submission as `GET /api/submissions/:id` gives it, then one per change, until the browser
 * goes away. Same access rule and same view as that route: nothing more reaches the stream.
 * `?since=<version>`: the page already shows that view, so the first event waits for a change.
 */
import { NextResponse } from "next/server";
import { currentUser } from "@/server/auth";
import { VERSION_PATTERN } from "@/server/submissions/fingerprint";
import { canSeeSubmission } from "@/server/submissions/read";
import { watchSubmission } from "@/server/submissions/watch";

export const dynamic = "force-dynamic";

/** The row is read this often: a finished grading reaches the page within this. */
const INTERVAL_MS = 300;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "auth.required" }, { status: 401 });
  const id = (await params).id;
  // Refused before the stream opens, with the same answer as the JSON route.
  if (!(await canSeeSubmission(user, id))) return NextResponse.json({ error: "notFound" }, { status: 404 });
  const since = new URL(req.url).searchParams.get("since");

  const stop = new AbortController();
  req.signal.addEventListener("abort", () => stop.abort(), { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop.abort(); // the stream was closed under us
        }
      };
      // At once, so the answer goes out now: opened `since` the page's view, the first event may
      // be minutes away, and the response would wait for it (proxies give up on such waits).
      write(": open\n\n");
      const keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      watchSubmission(user, id, { intervalMs: INTERVAL_MS, queuedRefreshMs: 2000, signal: stop.signal, since: since && VERSION_PATTERN.test(since) ? since : undefined, onView: (view) => write(`event: view\ndata: ${JSON.stringify(view)}\n\n`) })
        .catch(() => {})
        .finally(() => {
          clearInterval(keepalive);
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until a buffer fills.
      "cache-control": "no-cache, no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
