import { similarityAccess } from "@/server/similarity/access";
import { ensureAnalysis } from "@/server/similarity/analysis-jobs";
import { modeInput } from "@/server/similarity/inputs";

/**
 * The report's analysis for the page's progress display: status, progress, freshness. Asking
 * queues a missing or stale analysis (the work itself runs in the similarity runner). Anyone
 * but an instructor of the task gets 404.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const access = await similarityAccess((await params).slug);
  if (!access) return new Response("not found", { status: 404 });
  const mode = modeInput.parse(new URL(req.url).searchParams.get("mode") ?? undefined);
  const view = await ensureAnalysis(access.task, mode);
  return Response.json(view, { headers: { "cache-control": "no-store" } });
}
