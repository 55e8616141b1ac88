/**
 * The environment OpenBLAS reads when the fused kernels' addon loads it.
 *
 * One thread: a grading job is one core's work (the worker runs one job per core), and
 * OpenBLAS would otherwise start a thread per core.
 *
 * The kernel family: Debian's OpenBLAS 0.3.21 does not know AMD's Zen 4 and runs its
 * AVX2 (Haswell) kernels there, though the CPU has AVX-512. On a CPU with the AVX-512
 * subsets OpenBLAS's SkylakeX kernels need, naming that family makes the recurrent
 * products about twice as fast (native/rnn bench: forward 6.2 -> 4.7 ms, backward
 * 10.2 -> 8.2 ms per IMDb batch). An OPENBLAS_CORETYPE already set is kept.
 */
import * as fs from "node:fs";

const SKYLAKEX_FLAGS = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"];

/** The CPU's feature flags (Linux), or none where /proc/cpuinfo cannot be read. */
function cpuFlags(): Set<string> {
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("flags"));
    return new Set(line?.split(":")[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set();
  }
}

/** The variables, given this environment's OPENBLAS_CORETYPE (the operator's) and the CPU's flags. */
export function blasEnvironmentFor(coreType: string | undefined, flags: ReadonlySet<string>): Record<string, string> {
  const env: Record<string, string> = { OPENBLAS_NUM_THREADS: "1" };
  if (coreType) env.OPENBLAS_CORETYPE = coreType;
  else if (SKYLAKEX_FLAGS.every((f) => flags.has(f))) env.OPENBLAS_CORETYPE = "SKYLAKEX";
  return env;
}

let cached: Record<string, string> | null = null;

/** Variables for a process that will load the addon (the train sandbox gets exactly these). */
export function blasEnvironment(): Record<string, string> {
  cached ??= blasEnvironmentFor(process.env.OPENBLAS_CORETYPE, cpuFlags());
  return cached;
}

/**
 * Sets those variables in this process where unset, before the addon (hence OpenBLAS) loads:
 * benchmarks and tests load it in process. OpenBLAS reads them once, when it is loaded.
 */
export function applyBlasEnvironment(): void {
  for (const [key, value] of Object.entries(blasEnvironment())) process.env[key] ??= value;
}
