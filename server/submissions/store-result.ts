/**
 * Writes a grading result: the whole result as JSON, and its checks, metrics and per-epoch
 * curves as rows that can be queried. Earlier results of the submission stay, no longer
 * current. The write happens only while the job still belongs to `holder` (the database
 * queue's worker, or the BullMQ job id), so a job that was handed on or regraded meanwhile
 * ends with exactly one final result.
 *
 * On PostgreSQL too: the transaction's first statement updates the submission's row, which
 * locks it; a second store for the same submission waits there, then (its holder condition no
 * longer met) stores nothing, or, without a holder, marks the first's result no longer current
 * in a later statement that sees it committed. One current result either way.
 */
import type { GradeResult } from "../../grader/result";
import { db, Prisma } from "../db";

export async function storeResult(submissionId: string, holder: string | null, result: GradeResult): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (holder) {
      const { count } = await tx.submission.updateMany({
        where: { id: submissionId, workerId: holder, status: { in: ["queued", "running"] } },
        data: { status: "graded", finishedAt: new Date(), progress: Prisma.DbNull },
      });
      if (count === 0) return false; // no longer ours
    } else {
      await tx.submission.update({ where: { id: submissionId }, data: { status: "graded", finishedAt: new Date() } });
    }
    await tx.gradingResult.updateMany({ where: { submissionId, current: true }, data: { current: false } });
    await tx.gradingResult.create({
      data: {
        submissionId,
        passed: result.passed,
        score: result.score,
        maxScore: result.maxScore,
        failureKind: result.failure?.kind ?? null,
        failureLine: result.failure?.line ?? null,
        failureMessage: result.failure?.message ?? null,
        backend: result.environment.backend,
        tfjsVersion: result.environment.tfjsVersion,
        graderVersion: result.environment.graderVersion,
        seed: result.environment.seed,
        profile: result.environment.profile,
        durationMs: Math.round(result.timing.totalMs),
        result: result as unknown as Prisma.InputJsonValue,
        leaderboard: result.leaderboard ? (result.leaderboard as Prisma.InputJsonValue) : Prisma.DbNull,
        checks: { create: result.checks.map((c) => ({ checkId: c.id, status: c.status, points: c.points, maxPoints: c.maxPoints })) },
        metrics: { create: Object.entries(result.metrics).map(([name, value]) => ({ name, value })) },
        epochs: {
          create: Object.entries(result.curves).flatMap(([model, points]) =>
            points.map((p) => ({ model, epoch: p.epoch, loss: p.loss, valLoss: p.valLoss ?? null, acc: p.acc ?? null, valAcc: p.valAcc ?? null, ms: Math.round(p.ms) })),
          ),
        },
      },
    });
    return true;
  });
}
