import { similarityRouteAccess } from "@/server/similarity/access";
import { ensureAnalysis } from "@/server/similarity/analysis-jobs";
import { modeInput } from "@/server/similarity/inputs";

/**
 * The report's analysis for the page's progress display: status, progress, freshness. Asking
 * queues a missing or stale analysis (the work itself runs in the similarity runner). The task
 * is the current course's with this slug; anyone but one of its instructors gets 404, and a
 * page shown for another course's task (`?task=`, the current course switched since) gets 409.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const query = new URL(req.url).searchParams;
  const access = await similarityRouteAccess((await params).slug, query.get("task"));
  if ("error" in access) return new Response(access.error, { status: access.error === "courseChanged" ? 409 : 404 });
  const mode = modeInput.parse(query.get("mode") ?? undefined);
  const view = await ensureAnalysis(access.task, mode);
  return Response.json(view, { headers: { "cache-control": "no-store" } });
}
