/**
 * Recognizing database errors the same way on SQLite and PostgreSQL: by Prisma's error code,
 * never by message text (which is the driver's and differs). Both clients throw the one
 * runtime's error classes (server/db/index.ts), so `instanceof` holds for either.
 */
import { Prisma } from "./generated/client";

/** A unique index refused the write (P2002): someone else took that email, join code, slug... first. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
