/**
 * A roster file judged against the database: decoded, parsed, and each row's verdict
 * (server/roster/classify.ts) given the accounts that exist and who is already in the course.
 * Writes nothing; the import calls it again inside its own transaction.
 */
import { hasPassword } from "../auth/password";
import { db } from "../db";
import { classifyRoster, cleanEmail, type KnownAccount, type PreviewRow } from "./classify";
import { decodeRoster, type RosterEncoding } from "./decode";
import { parseRoster, type Delimiter, type RosterFileError } from "./parse";

/** The largest roster file taken: a thousand rows of name and email fit many times over. */
export const MAX_ROSTER_BYTES = 256 * 1024;

export type RosterError = RosterFileError | { code: "roster.tooLarge"; params: { maxKb: number; kb: number } };

export interface RosterPreview {
  ok: true;
  encoding: RosterEncoding;
  delimiter: Delimiter;
  rows: PreviewRow[];
  counts: { invite: number; enroll: number; skipped: number };
}

type Tx = Pick<typeof db, "user">;

export function tooLarge(bytes: number): { ok: false; error: RosterError } {
  return { ok: false, error: { code: "roster.tooLarge", params: { maxKb: MAX_ROSTER_BYTES / 1024, kb: Math.ceil(bytes / 1024) } } };
}

export async function previewRoster(courseId: string, bytes: Uint8Array, tx: Tx = db): Promise<RosterPreview | { ok: false; error: RosterError }> {
  if (bytes.byteLength > MAX_ROSTER_BYTES) return tooLarge(bytes.byteLength);
  const { text, encoding } = decodeRoster(bytes);
  const parsed = parseRoster(text);
  if (!parsed.ok) return parsed;
  const emails = [...new Set(parsed.rows.map((r) => cleanEmail(r.email)).filter(Boolean))];
  const found = await tx.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, enrollments: { where: { courseId }, select: { courseId: true } } },
  });
  const accounts = new Map<string, KnownAccount>(
    found.map((u) => [u.email, { id: u.id, name: u.name, role: u.role, hasPassword: hasPassword(u.passwordHash), enrolled: u.enrollments.length > 0 }]),
  );
  const rows = classifyRoster(parsed.rows, accounts);
  const count = (action: PreviewRow["action"]) => rows.filter((r) => r.action === action).length;
  return { ok: true, encoding, delimiter: parsed.delimiter, rows, counts: { invite: count("invite"), enroll: count("enroll"), skipped: count(null) } };
}
