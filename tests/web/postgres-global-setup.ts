/** Before a run on PostgreSQL (vitest.postgres.config.mts): the test databases killed runs left behind are dropped. */
import { dropStaleTestDatabases, testPostgresUrl } from "./test-db";

export default async function setup(): Promise<void> {
  const server = testPostgresUrl();
  if (!server) return;
  const dropped = await dropStaleTestDatabases(server);
  if (dropped.length) console.log(`dropped ${dropped.length} test database(s) left by runs that no longer exist: ${dropped.join(", ")}`);
}
