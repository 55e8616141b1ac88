/**
 * The grader's settings, read from the environment once and validated with zod, so a typo
 * in a variable fails loudly at start instead of grading with a silent default.
 */
import * as path from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "./paths";

const flag = z
  .enum(["", "0", "1", "true", "false"])
  .default("")
  .transform((v) => v === "1" || v === "true");

/** A switch that is on unless set to 0 or false. */
const onByDefault = z
  .enum(["0", "1", "true", "false"])
  .default("1")
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  TREINO_DATA_DIR: z.string().default(path.join(REPO_ROOT, ".data")),
  TREINO_CACHE_DIR: z.string().default(path.join(REPO_ROOT, ".cache")),
  /** A folder holding the IMDb archive and Keras's word index (see grader/data/imdb). */
  TREINO_IMDB_DIR: z.string().optional(),
  TREINO_IMDB_ARCHIVE_URL: z.string().url().default("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"),
  TREINO_IMDB_WORD_INDEX_URL: z.string().url().default("https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"),
  /** The installation's secret for hidden test data; generated into the data folder when unset. */
  TREINO_SECRET_SEED: z.string().min(8).optional(),
  TREINO_BACKEND: z.enum(["auto", "tensorflow", "wasm", "cpu"]).default("auto"),
  TREINO_SANDBOX_MEMORY_MB: z.coerce.number().int().min(512).default(4096),
  TREINO_SANDBOX_CPUS: z.coerce.number().positive().default(1),
  /** Recurrent layers through the fused native kernels where they built (0: stock tfjs only). */
  TREINO_FUSED_RNN: onByDefault,
  /**
   * The grader's own training loop for the models it covers whole (grader/recurrent/native-fit.ts;
   * 0: tfjs's fit for every model, the fused layers and Adam still on). Off with TREINO_FUSED_RNN=0.
   */
  TREINO_NATIVE_FIT: onByDefault,
  /** DEVELOPMENT ONLY: grade without the namespace sandbox where bubblewrap cannot run. */
  TREINO_UNSAFE_NO_SANDBOX: flag,
});

export type GraderConfig = z.infer<typeof schema>;

let cached: GraderConfig | null = null;

export function graderConfig(env: NodeJS.ProcessEnv = process.env): GraderConfig {
  if (env !== process.env) return schema.parse(env);
  cached ??= (() => {
    const parsed = schema.safeParse(env);
    if (!parsed.success) {
      throw new Error(`Invalid grader settings:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    return parsed.data;
  })();
  return cached;
}
