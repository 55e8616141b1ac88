/**
 * Instructors' verdicts on a pair of students for a task ("suspicious", "reviewed, ok",
 * cleared), each with a note, who and when. Kept as a history: the newest row is the pair's
 * flag. Keyed by the two students, so a verdict survives a new analysis of the task.
 */
import { z } from "zod";
import { db } from "../db";

export const FLAG_STATUSES = ["suspicious", "reviewed-ok", "cleared"] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
export const MAX_NOTE_CHARS = 2000;

export const flagInput = z.object({
  pairId: z.string().min(1).max(100),
  status: z.enum(FLAG_STATUSES),
  note: z.string().max(MAX_NOTE_CHARS).default(""),
});

export interface FlagRecord {
  status: FlagStatus;
  note: string;
  byUserId: string;
  byName: string;
  at: Date;
}

/** The pair's students in a fixed order, so (a, b) and (b, a) are one pair. */
export function studentPair(a: string, b: string): { studentAId: string; studentBId: string } {
  return a < b ? { studentAId: a, studentBId: b } : { studentAId: b, studentBId: a };
}

export const pairKey = (a: string, b: string) => {
  const p = studentPair(a, b);
  return `${p.studentAId}|${p.studentBId}`;
};

/** Records a verdict on the pair of one of the task's analyses; anything else is refused. */
export async function flagPair(taskId: string, byUserId: string, raw: unknown): Promise<{ ok: true } | { ok: false; error: "invalid" | "notFound" }> {
  const parsed = flagInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const pair = await db.similarityPair.findFirst({ where: { id: parsed.data.pairId, analysis: { taskId } }, select: { leftUserId: true, rightUserId: true } });
  if (!pair) return { ok: false, error: "notFound" };
  await db.similarityFlag.create({
    data: { taskId, ...studentPair(pair.leftUserId, pair.rightUserId), status: parsed.data.status, note: parsed.data.note.trim(), byUserId },
  });
  return { ok: true };
}

async function withNames(rows: { status: string; note: string; byUserId: string; createdAt: Date }[]): Promise<FlagRecord[]> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.byUserId))] } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ status: r.status as FlagStatus, note: r.note, byUserId: r.byUserId, byName: name.get(r.byUserId) ?? "—", at: r.createdAt }));
}

/** Each flagged pair's current verdict (cleared ones left out), by pairKey. */
export async function currentFlags(taskId: string): Promise<Map<string, FlagRecord>> {
  const rows = await db.similarityFlag.findMany({ where: { taskId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.studentAId}|${r.studentBId}`;
    if (!newest.has(key)) newest.set(key, r);
  }
  const current = [...newest.entries()].filter(([, r]) => r.status !== "cleared");
  const named = await withNames(current.map(([, r]) => r));
  return new Map(current.map(([key], i) => [key, named[i]]));
}

/** Every verdict on the pair, newest first. */
export async function flagHistory(taskId: string, a: string, b: string): Promise<FlagRecord[]> {
  const rows = await db.similarityFlag.findMany({ where: { taskId, ...studentPair(a, b) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return withNames(rows);
}
