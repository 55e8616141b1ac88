/** The collector process on the web host (started by `npm start` when REDIS_URL is set). */
import { env } from "../../env";
import { startCollector } from "./collector";

if (!env.REDIS_URL) {
  console.error("the collector needs REDIS_URL");
  process.exit(2);
}
const collector = startCollector({ redisUrl: env.REDIS_URL, prefix: env.TREINO_QUEUE_PREFIX, log: (l) => console.log(`[collector] ${l}`) });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void collector.close().then(() => process.exit(0)));
