/**
 * Computing one claimed analysis, in the similarity runner's process only: the web server
 * never imports this module, so Dolos and its native parsers stay out of it.
 */
import { db, Prisma } from "../db";
import { MAX_PROGRAMS, MAX_STORED_PAIRS, type AnalysisProgress, type AnalysisStatus } from "./analysis-jobs";
import { comparePrograms } from "./compare-programs";
import { chooseSubmissions, signatureOf, type Mode } from "./inputs";
import { ignoredCode } from "./template";

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
