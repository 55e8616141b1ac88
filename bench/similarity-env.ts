/** Settings for bench/similarity.ts, applied before any server module reads them: a scratch database (put in WAL mode below, as scripts/setup.ts does). */
import { freshDatabase } from "../tests/web/test-db";

delete process.env.REDIS_URL;
export const testDb = freshDatabase();
