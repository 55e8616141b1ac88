/** The HTTP status of a refused roster preview or import. */
import type { ImportError } from "./import";

export function rosterErrorStatus(code: ImportError["code"]): number {
  if (code === "roster.forbidden") return 403;
  // The course changed (another tab, someone else's sign-up) or is read-only: nothing was written.
  if (code === "roster.changed" || code === "roster.courseChanged" || code === "course.archived") return 409;
  return 400;
}
