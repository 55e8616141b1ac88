// Types for shared-secrets.mjs (plain JavaScript, so scripts/web-server.mjs runs it unbuilt).
export function missingSharedSecrets(environment: Record<string, string | undefined>, databaseUrl?: string): string | null;
