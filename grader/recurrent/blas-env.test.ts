import { describe, expect, it } from "vitest";
import { blasEnvironmentFor } from "./blas-env";

const ZEN4 = new Set(["sse4_2", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"]);
const AVX2_ONLY = new Set(["sse4_2", "avx2", "fma"]);

describe("OpenBLAS's environment for the fused kernels", () => {
  it("is always one thread: a grading job is one core's work", () => {
    expect(blasEnvironmentFor(undefined, new Set()).OPENBLAS_NUM_THREADS).toBe("1");
  });

  it("names the AVX-512 kernels on a CPU that has every subset they use", () => {
    expect(blasEnvironmentFor(undefined, ZEN4).OPENBLAS_CORETYPE).toBe("SKYLAKEX");
  });

  it("leaves OpenBLAS to choose where a subset is missing", () => {
    expect(blasEnvironmentFor(undefined, AVX2_ONLY)).toEqual({ OPENBLAS_NUM_THREADS: "1" });
    const noVl = new Set([...ZEN4].filter((f) => f !== "avx512vl"));
    expect(blasEnvironmentFor(undefined, noVl).OPENBLAS_CORETYPE).toBeUndefined();
  });

  it("keeps the operator's own choice", () => {
    expect(blasEnvironmentFor("Haswell", ZEN4).OPENBLAS_CORETYPE).toBe("Haswell");
  });
});
