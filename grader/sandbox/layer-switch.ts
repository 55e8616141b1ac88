/**
 * The test-only switch that turns sandbox layers off, one (or a few) at a time, so a test
 * can prove that the layer left on stops an attack by itself (tests/sandbox/layer-matrix).
 *
 *   TREINO_TEST_DISABLE_LAYER=seccomp,node-permission   which layers to leave out
 *   TREINO_TEST_HARNESS=1                               the test harness says it is one
 *
 * Both must be set, and NODE_ENV must not be `production`; otherwise the switch is ignored
 * (every layer stays on) and a warning is written, so a stray variable on a real grader
 * weakens nothing. When it does act, every launch names each layer left out in its layer
 * list (`... DISABLED for a test`), which ends up in `environment.isolation` of the result:
 * nobody can mistake such a grading for a real one.
 *
 * Read on every launch (not cached) so a test can change it between cases.
 */
import { z } from "zod";

export const SWITCHABLE_LAYERS = [
  "cgroup", // the whole job cgroup: memory, pids, CPU share
  "prlimit", // every rlimit below at once
  "prlimit-as", // address space only
  "prlimit-cpu", // CPU seconds only
  "prlimit-fsize", // the no-file-writes limit only
  "bubblewrap", // every namespace and the mount view; seccomp goes with it (bwrap installs it)
  "network-namespace", // bubblewrap keeps the host's network (--share-net), the rest stays
  "seccomp",
  "node-permission",
  "clean-env", // the child inherits the grader's environment
  "timeout", // the parent's per-phase and whole-session wall-clock timers
] as const;
export type SwitchableLayer = (typeof SWITCHABLE_LAYERS)[number];

const names = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(SWITCHABLE_LAYERS)));

export const DISABLED_SUFFIX = "DISABLED for a test";

let warned = false;

/** The layers a test asked to leave out; empty unless the test harness really is the caller. */
export function disabledLayers(env: NodeJS.ProcessEnv = process.env): ReadonlySet<SwitchableLayer> {
  const raw = env.TREINO_TEST_DISABLE_LAYER ?? "";
  if (!raw.trim()) return new Set();
  if (env.NODE_ENV === "production" || env.TREINO_TEST_HARNESS !== "1") {
    if (!warned) {
      warned = true;
      process.stderr.write(
        `treino: TREINO_TEST_DISABLE_LAYER=${raw} IGNORED: layers can be disabled only by the test harness ` +
          `(TREINO_TEST_HARNESS=1), never with NODE_ENV=production. Every layer stays on.\n`,
      );
    }
    return new Set();
  }
  // A typo must not quietly test nothing: an unknown name is an error.
  const parsed = names.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`TREINO_TEST_DISABLE_LAYER=${raw}: unknown layer; one of ${SWITCHABLE_LAYERS.join(", ")}`);
  }
  return new Set(parsed.data);
}

/** The loud entries a launch adds to its layer list for what a test left out. */
export function disabledNotices(disabled: ReadonlySet<SwitchableLayer>): string[] {
  return [...disabled].map((l) => `${l} ${DISABLED_SUFFIX}`);
}
