/**
 * A task's similarity analysis as a background job, one row per task and mode
 * (SimilarityAnalysis). Pages and the status route only ask for it (`ensureAnalysis`): a
 * missing or stale result is queued, and the similarity runner, a process of its own, claims
 * it with one conditional UPDATE and computes it (run-analysis.ts, which the web server never
 * loads). The previous result stays readable (marked stale) until the new one is stored.
 */
import { db } from "../db";
import { currentSignature, type InputTask, type Mode } from "./inputs";

export type AnalysisStatus = "queued" | "running" | "done" | "failed";

/** A running analysis whose runner has been silent this long is handed back to the queue. */
export const STALE_AFTER_MS = 60_000;
/** More programs than this are not compared (the pairs grow with the square). */
export const MAX_PROGRAMS = 600;
/** Only the most similar pairs are kept (the 300 of a large class make 44,850). */
export const MAX_STORED_PAIRS = 50_000;
/** The most similar pairs get their matching fragments for the side-by-side view; the rest show the two programs plain. */
export const MAX_FRAGMENT_PAIRS = 2_000;

export interface AnalysisProgress {
  phase: "reading" | "parsing" | "comparing" | "fragments" | "storing";
  done: number;
  total: number;
}

export interface AnalysisView {
  id: string | null;
  status: AnalysisStatus | "none";
  /** The stored pairs were computed from today's inputs. */
  fresh: boolean;
  hasResult: boolean;
  /** Which stored pairs are the result (SimilarityPair.batch). */
  batch: string | null;
  progress: AnalysisProgress | null;
  error: string | null;
  finishedAt: Date | null;
  fileCount: number;
  pairCount: number;
  storedPairs: number;
  durationMs: number | null;
}

type AnalysisRow = NonNullable<Awaited<ReturnType<typeof db.similarityAnalysis.findUnique>>>;

export function viewOf(row: AnalysisRow | null, signature: string): AnalysisView {
  if (!row) return { id: null, status: "none", fresh: false, hasResult: false, batch: null, progress: null, error: null, finishedAt: null, fileCount: 0, pairCount: 0, storedPairs: 0, durationMs: null };
  return {
    id: row.id,
    status: row.status as AnalysisStatus,
    fresh: row.resultSignature === signature,
    hasResult: row.resultBatch != null,
    batch: row.resultBatch,
    progress: row.status === "running" || row.status === "queued" ? ((row.progress as AnalysisProgress | null) ?? null) : null,
    error: row.error,
    finishedAt: row.finishedAt,
    fileCount: row.fileCount,
    pairCount: row.pairCount,
    storedPairs: row.storedPairs,
    durationMs: row.durationMs,
  };
}

/**
 * The task's analysis under the mode, queued when its result is missing or stale and nothing
 * is already queued or running for it. A failed analysis is queued again only when its inputs
 * changed, or when `retry` is asked for (the page's button), so a failure does not loop.
 */
export async function ensureAnalysis(task: InputTask, mode: Mode, opts: { retry?: boolean } = {}): Promise<AnalysisView> {
  const signature = await currentSignature(task, mode);
  const row = await db.similarityAnalysis.findUnique({ where: { taskId_mode: { taskId: task.id, mode } } });
  if (!row) {
    const created = await db.similarityAnalysis
      .create({ data: { taskId: task.id, mode, requestedSignature: signature } })
      // Another request created it a moment ago.
      .catch(() => db.similarityAnalysis.findUniqueOrThrow({ where: { taskId_mode: { taskId: task.id, mode } } }));
    return viewOf(created, signature);
  }
  const busy = row.status === "queued" || row.status === "running";
  const stale = row.resultSignature !== signature;
  const failedAgain = row.status === "failed" && row.requestedSignature === signature && !opts.retry;
  if (busy || !stale || failedAgain) return viewOf(row, signature);
  // Only from the state just read: two requests at once queue it once.
  await db.similarityAnalysis.updateMany({
    where: { id: row.id, status: row.status },
    data: { status: "queued", requestedSignature: signature, requestedAt: new Date(), error: null, progress: { phase: "reading", done: 0, total: 0 } },
  });
  return viewOf(await db.similarityAnalysis.findUniqueOrThrow({ where: { id: row.id } }), signature);
}

/** The analysis as it stands, without queuing anything. */
export async function analysisView(task: InputTask, mode: Mode): Promise<AnalysisView> {
  const [signature, row] = await Promise.all([currentSignature(task, mode), db.similarityAnalysis.findUnique({ where: { taskId_mode: { taskId: task.id, mode } } })]);
  return viewOf(row, signature);
}

/** Takes the oldest queued analysis for this runner, or null. */
export async function claimAnalysis(runnerId: string): Promise<string | null> {
  for (;;) {
    const next = await db.similarityAnalysis.findFirst({ where: { status: "queued" }, orderBy: { requestedAt: "asc" }, select: { id: true } });
    if (!next) return null;
    const now = new Date();
    const taken = await db.similarityAnalysis.updateMany({
      where: { id: next.id, status: "queued" },
      data: { status: "running", runnerId, startedAt: now, heartbeatAt: now },
    });
    if (taken.count === 1) return next.id;
    // Another runner took it first: look again.
  }
}

/** Running analyses whose runner went silent go back to the queue. */
export async function reclaimStaleAnalyses(now = new Date()): Promise<number> {
  const r = await db.similarityAnalysis.updateMany({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    data: { status: "queued", runnerId: null },
  });
  return r.count;
}
