/**
 * What importing each row of a roster would do, and what is wrong with the rows that cannot
 * be imported: the preview's verdicts, decided from the rows and the accounts that already
 * exist. Pure: the same function judges the preview and, again, the import itself.
 */
import { z } from "zod";
import type { RosterLine } from "./parse";

/** The registration form's limits, so an imported account could have been registered. */
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 200;

export type RowProblem = "name.missing" | "name.tooLong" | "email.missing" | "email.invalid" | "email.duplicate" | "email.inCourse" | "email.instructor";

/**
 * invite: an account without a password (new, or imported before and not yet activated) gets
 * an invitation link. enroll: an existing account is simply added to the course.
 */
export type RowAction = "invite" | "enroll";

export interface KnownAccount {
  id: string;
  name: string;
  role: string;
  hasPassword: boolean;
  /** Already in the course being imported into. */
  enrolled: boolean;
}

export interface PreviewRow {
  line: number;
  name: string;
  email: string;
  /** What importing does with the row; null when it has problems and is skipped. */
  action: RowAction | null;
  /** True when the import creates the account. */
  newAccount: boolean;
  /** The existing account's own name, kept as it is (the file's is not applied to it). */
  accountName: string | null;
  problems: RowProblem[];
  /** For a duplicate: the line where the address first appears. */
  firstLine: number | null;
}

const emailSchema = z.string().email();

/** A name as one line of text: runs of spaces, tabs and line breaks become one space. */
export function cleanName(raw: string): string {
  return raw.replace(/[\p{Cc}\s]+/gu, " ").trim();
}

export function cleanEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && emailSchema.safeParse(email).success;
}

export function classifyRoster(rows: RosterLine[], accounts: ReadonlyMap<string, KnownAccount>): PreviewRow[] {
  const firstSeen = new Map<string, number>();
  return rows.map((row) => {
    const name = cleanName(row.name);
    const email = cleanEmail(row.email);
    const problems: RowProblem[] = [];
    if (!name) problems.push("name.missing");
    else if (name.length > MAX_NAME_LENGTH) problems.push("name.tooLong");
    let firstLine: number | null = null;
    const account = accounts.get(email) ?? null;
    if (!email) problems.push("email.missing");
    else if (!isValidEmail(email)) problems.push("email.invalid");
    else {
      const seen = firstSeen.get(email);
      if (seen != null) {
        problems.push("email.duplicate");
        firstLine = seen;
      } else firstSeen.set(email, row.line);
      if (account?.role === "instructor") problems.push("email.instructor");
      else if (account?.enrolled) problems.push("email.inCourse");
    }
    const action: RowAction | null = problems.length > 0 ? null : account?.hasPassword ? "enroll" : "invite";
    return { line: row.line, name, email, action, newAccount: action === "invite" && !account, accountName: account?.name ?? null, problems, firstLine };
  });
}
