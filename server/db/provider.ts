/** Which database a DATABASE_URL names: `file:` is SQLite (the embedded default), `postgres(ql)://` PostgreSQL. */
export type DbProvider = "sqlite" | "postgresql";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function providerOf(url: string): DbProvider {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}
