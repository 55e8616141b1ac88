import { randomInt } from "node:crypto";

/**
 * Join codes are read aloud and copied from slides: case and surrounding spaces carry no
 * meaning, so "  e2e-join-2026 " finds the course whose code is "E2E-JOIN-2026".
 */
export function normalizeJoinCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The course whose join code matches `typed`, ignoring case and surrounding spaces. */
export function matchJoinCode<C extends { joinCode: string }>(courses: readonly C[], typed: string): C | null {
  const wanted = normalizeJoinCode(typed);
  if (!wanted) return null;
  return courses.find((c) => normalizeJoinCode(c.joinCode) === wanted) ?? null;
}

/** Letters and digits that cannot be mistaken for one another when read aloud or off a slide (no 0/O, 1/I/L). */
const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A fresh join code, "XXXX-XXXX" from that alphabet (about 40 bits: not found by trying codes). */
export function generateJoinCode(pick: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: 8 }, () => JOIN_CODE_ALPHABET[pick(JOIN_CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}
