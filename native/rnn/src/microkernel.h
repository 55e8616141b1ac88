/*
 * The recurrent kernels' matrix products, one time step at a time: C[m×n] = A[m×k]·B[k×n],
 * for the small shapes of a step (a batch of 32-64 rows, 32-128 columns, 32-128 deep). At these
 * sizes OpenBLAS spends as much time packing its operands as multiplying them, at every one of
 * the 200 steps; here nothing is packed: B (a weight matrix, 16 KB for an LSTM of 32 units)
 * stays in L1 across the steps, and A is read in place through two strides, so a step's rows of
 * a batch-major array, or a transposed operand, need no copy. Register-blocked AVX2 with FMA
 * (6 rows × 16 columns per block: 12 accumulators, enough to hide the FMA latency), picked at
 * load; a plain loop nest elsewhere.
 */
#ifndef TREINO_RNN_MICROKERNEL_H
#define TREINO_RNN_MICROKERNEL_H

#include <stddef.h>

/*
 * A as the kernels read it: element (i, p) at a[i * row_stride + p * col_stride]. A row-major
 * [m×k] array with leading dimension lda is {a, lda, 1}; its transpose is {a, 1, lda}.
 */
typedef struct {
  const float *a;
  ptrdiff_t row_stride, col_stride;
} mk_operand;

/*
 * C = start + A·B, where start is C itself (`accumulate`), else the row vector `row` [n] in every
 * row (a bias), else zero. B row-major [k×n] with leading dimension ldb, C with ldc.
 */
void mk_gemm(int m, int n, int k, mk_operand a, const float *b, int ldb, float *c, int ldc, int accumulate, const float *row);

/* dst[k×rows] = src[rows×k]ᵀ (src with leading dimension lds). */
void transpose(int rows, int k, const float *src, int lds, float *dst);

/* "avx2" or "scalar": the path the products take on this CPU (vector_math_available(), activations.h). */
const char *small_gemm_path(void);

#endif
