/**
 * Computing one claimed analysis, in the similarity runner's process only: the web server
 * never imports this module, so Dolos and its native parsers stay out of it.
 */
import { randomUUID } from "node:crypto";
import { db, Prisma } from "../db";
import { MAX_FRAGMENT_PAIRS, MAX_PROGRAMS, MAX_STORED_PAIRS, type AnalysisProgress, type AnalysisStatus } from "./analysis-jobs";
import { comparePrograms, type PairScore } from "./compare-programs";
import { chooseSubmissions, signatureOf, type Mode } from "./inputs";
import { ignoredCode } from "./template";

class LostClaim extends Error {}

/** Pairs per insert: each is its own short transaction, so the web server and the grading worker never wait long. */
const STORE_CHUNK = 500;

/**
 * One multi-row INSERT, its values bound as parameters. Not `createMany`: Prisma 6.19's
 * JavaScript query engine spends about 2 ms per row on it here (11,175 pairs: 25 s against
 * 2.4 s this way, measured on this 2-core machine under load).
 */
async function insertPairs(analysisId: string, batch: string, pairs: PairScore[], owner: Map<string, string>): Promise<void> {
  if (pairs.length === 0) return;
  const rows = pairs.map((p) => Prisma.sql`(${randomUUID()}, ${analysisId}, ${batch}, ${p.left}, ${p.right}, ${owner.get(p.left)!}, ${owner.get(p.right)!},
    ${p.similarity}, ${p.longest}, ${p.leftCovered}, ${p.rightCovered}, ${p.leftTotal}, ${p.rightTotal}, ${p.fragments ? JSON.stringify(p.fragments) : null})`);
  await db.$executeRaw`INSERT INTO "SimilarityPair" ("id", "analysisId", "batch", "leftSubmissionId", "rightSubmissionId", "leftUserId", "rightUserId",
    "similarity", "longest", "leftCovered", "rightCovered", "leftTotal", "rightTotal", "fragments") VALUES ${Prisma.join(rows)}`;
}

/**
 * Computes one claimed analysis and stores its pairs. Reads the inputs afresh (a submission
 * that arrived since it was queued is included). The pairs go in under a batch of this run,
 * a few hundred per transaction; one last short transaction makes them the result, then the
 * previous batch is deleted. Until then readers see the previous result. Throws nothing: a
 * failure is stored on the row; a run that lost its claim removes what it wrote.
 */
export async function runAnalysis(analysisId: string, runnerId: string, log: (line: string) => void = () => {}): Promise<AnalysisStatus> {
  const started = Date.now();
  const batch = randomUUID();
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
    const comparison = await comparePrograms(
      chosen.map((c) => ({ id: c.id, owner: c.userId, code: codeOf.get(c.id) ?? "" })),
      { template: ignored, maxPairs: MAX_STORED_PAIRS, maxFragmentPairs: MAX_FRAGMENT_PAIRS, onProgress: (p) => report(p) },
    );
    const compared = Date.now();

    for (let i = 0; i < comparison.pairs.length; i += STORE_CHUNK) {
      await report({ phase: "storing", done: i, total: comparison.pairs.length });
      await insertPairs(analysisId, batch, comparison.pairs.slice(i, i + STORE_CHUNK), owner);
    }
    // The switch, only if the claim is still this run's (a silent runner's was handed on).
    const done = await db.similarityAnalysis.updateMany({
      where: mine,
      data: {
        status: "done",
        resultBatch: batch,
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
    if (done.count !== 1) throw new LostClaim();
    await db.similarityPair.deleteMany({ where: { analysisId, batch: { not: batch } } });
    log(`analysis ${analysisId}: ${chosen.length} programs, ${comparison.compared} pairs, ${comparison.pairs.length} kept; compared in ${compared - started} ms, stored in ${Date.now() - compared} ms`);
    return "done";
  } catch (err) {
    await db.similarityPair.deleteMany({ where: { analysisId, batch } }).catch(() => {});
    if (err instanceof LostClaim) return "queued";
    const message = err instanceof Error ? err.message : String(err);
    await db.similarityAnalysis.updateMany({ where: mine, data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date(), progress: Prisma.DbNull } });
    return "failed";
  }
}
