/** Password hashing with argon2id (a prebuilt native binding, no build step). */
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 8;

/**
 * The stored "hash" of an account that has no password yet (a student a roster import
 * created, until they accept their invitation). Not an argon2 hash: nothing verifies against
 * it, and the login refuses such an account before trying (hasPassword).
 */
export const NO_PASSWORD = "";

export function hasPassword(passwordHash: string): boolean {
  return passwordHash !== NO_PASSWORD;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never matches
  }
}

/**
 * For an email with no account: the same argon2 work as a real check, against a hash of a
 * random secret, so the response time does not tell which accounts exist.
 */
let decoy: Promise<string> | null = null;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hash(crypto.randomUUID());
  await verifyPassword(await decoy, password);
  return false;
}
