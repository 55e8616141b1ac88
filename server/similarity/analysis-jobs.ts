/**
 * A task's similarity analysis as a background job, one row per task and mode
 * (SimilarityAnalysis). Pages and the status route only ask for it (`ensureAnalysis`): a
 * missing or stale result is queued, and the similarity runner, a process of its own, claims
 * it with one conditional UPDATE, computes it with Dolos, beats while it works and stores the
 * pairs in one transaction. The previous result stays readable (marked stale) until then.
 */
import { db, Prisma } from "../db";
import { chooseSubmissions, currentSignature, signatureOf, type InputTask, type Mode } from "./inputs";
import { ignoredCode } from "./template";

export type AnalysisStatus = "queued" | "running" | "done" | "failed";

/** A running analysis whose runner has been silent this long is handed back to the queue. */
export const STALE_AFTER_MS = 60_000;
/** More programs than this are not compared (the pairs grow with the square). */
export const MAX_PROGRAMS = 600;
/** Only the most similar pairs are kept (the 300 of a large class make 44,850). */
export const MAX_STORED_PAIRS = 50_000;

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
  if (!row) return { id: null, status: "none", fresh: false, hasResult: false, progress: null, error: null, finishedAt: null, fileCount: 0, pairCount: 0, storedPairs: 0, durationMs: null };
  return {
    id: row.id,
    status: row.status as AnalysisStatus,
    fresh: row.resultSignature === signature,
    hasResult: row.resultSignature != null,
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

class LostClaim extends Error {}

/**
 * Computes one claimed analysis and stores its pairs, replacing the previous ones. Reads the
 * inputs afresh (a submission that arrived since it was queued is included). Throws nothing:
 * a failure is stored on the row.
 */
export async function runAnalysis(analysisId: string, runnerId: string): Promise<AnalysisStatus> {
  const started = Date.now();
  const mine = { id: analysisId, runnerId, status: "running" };
  const report = async (progress: AnalysisProgress) => {
    const r = await db.similarityAnalysis.updateMany({ where: mine, data: { progress: { ...progress }, heartbeatAt: new Date() } });
    if (r.count !== 1) throw new LostClaim();
  };
  try {
    const row = await db.similarityAnalysis.findUniqueOrThrow({ where: { id: analysisId }, include: { task: true } });
    const mode = row.mode as Mode;
    const task = row.task;
    await report({ phase: "reading", done: 0, total: 0 });
    const [{ chosen, newestId }, ignored] = await Promise.all([chooseSubmissions(task, mode), ignoredCode(task)]);
    const signature = signatureOf({ mode, chosen, newestId, ignored });
    if (chosen.length > MAX_PROGRAMS) {
      await db.similarityAnalysis.updateMany({ where: mine, data: { status: "failed", error: `tooMany:${chosen.length}:${MAX_PROGRAMS}`, finishedAt: new Date(), progress: Prisma.DbNull } });
      return "failed";
    }
    const codes = await db.submission.findMany({ where: { id: { in: chosen.map((c) => c.id) } }, select: { id: true, code: true } });
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    const owner = new Map(chosen.map((c) => [c.id, c.userId]));
    // Loaded here, never by the web server: the native parsers stay in this process.
    const { comparePrograms } = await import("./compare-programs");
    const comparison = await comparePrograms(
      chosen.map((c) => ({ id: c.id, owner: c.userId, code: codeOf.get(c.id) ?? "" })),
      { template: ignored, maxPairs: MAX_STORED_PAIRS, onProgress: (p) => report(p) },
    );
    await report({ phase: "storing", done: 0, total: comparison.pairs.length });
    await db.$transaction(
      async (tx) => {
        // Still ours? A runner that lost its claim (stale, reclaimed) must not overwrite.
        const held = await tx.similarityAnalysis.updateMany({ where: mine, data: { heartbeatAt: new Date() } });
        if (held.count !== 1) throw new LostClaim();
        await tx.similarityPair.deleteMany({ where: { analysisId } });
        const CHUNK = 1000;
        for (let i = 0; i < comparison.pairs.length; i += CHUNK) {
          await tx.similarityPair.createMany({
            data: comparison.pairs.slice(i, i + CHUNK).map((p) => ({
              analysisId,
              leftSubmissionId: p.left,
              rightSubmissionId: p.right,
              leftUserId: owner.get(p.left)!,
              rightUserId: owner.get(p.right)!,
              similarity: p.similarity,
              longest: p.longest,
              leftCovered: p.leftCovered,
              rightCovered: p.rightCovered,
              leftTotal: p.leftTotal,
              rightTotal: p.rightTotal,
              fragments: p.fragments,
            })),
          });
        }
        await tx.similarityAnalysis.update({
          where: { id: analysisId },
          data: {
            status: "done",
            resultSignature: signature,
            finishedAt: new Date(),
            progress: Prisma.DbNull,
            error: null,
            fileCount: chosen.length,
            pairCount: comparison.compared,
            storedPairs: comparison.pairs.length,
            durationMs: Date.now() - started,
            engine: comparison.engine,
          },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    return "done";
  } catch (err) {
    if (err instanceof LostClaim) return "queued";
    const message = err instanceof Error ? err.message : String(err);
    await db.similarityAnalysis.updateMany({ where: mine, data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() } });
    return "failed";
  }
}
