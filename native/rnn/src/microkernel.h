/*
 * The per-step products of the recurrent kernels: C[m×n] = A[m×k]·B[k×n] (+ C when
 * `accumulate`), row-major, for the small shapes of one time step (a batch of 32-64 rows, 32-128
 * columns, 32-128 deep). At these sizes OpenBLAS spends as much time packing its operands as
 * multiplying them, at every one of the 200 steps; here B (the recurrent weights, 16 KB for an
 * LSTM of 32 units) stays in L1 across the steps and nothing is packed. Register-blocked AVX2
 * with FMA (4 rows × 16 columns per block), picked at load; a plain loop nest elsewhere.
 */
#ifndef TREINO_RNN_MICROKERNEL_H
#define TREINO_RNN_MICROKERNEL_H

void small_gemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int accumulate, float *c, int ldc);

/* dst[k×rows] = src[rows×k]ᵀ (src with leading dimension lds). */
void transpose(int rows, int k, const float *src, int lds, float *dst);

/* "avx2" or "scalar": the path small_gemm takes on this CPU (TREINO_RNN_GEMM_NO_AVX2=1: scalar, for tests). */
const char *small_gemm_path(void);

#endif
