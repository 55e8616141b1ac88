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
