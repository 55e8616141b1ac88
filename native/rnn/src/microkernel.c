#include "microkernel.h"

#include <string.h>

#include "activations.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_X86_VECTORS 1
#include <immintrin.h>
#endif

static void mk_gemm_scalar(int m, int n, int k, mk_operand a, const float *b, int ldb, float *c, int ldc, int accumulate,
                           const float *row) {
  for (int i = 0; i < m; i++) {
    float *ci = c + (size_t)i * ldc;
    if (!accumulate) {
      if (row) memcpy(ci, row, sizeof(float) * n);
      else memset(ci, 0, sizeof(float) * n);
    }
    const float *ai = a.a + i * a.row_stride;
    for (int p = 0; p < k; p++) {
      const float aip = ai[p * a.col_stride];
      const float *bp = b + (size_t)p * ldb;
      for (int j = 0; j < n; j++) ci[j] += aip * bp[j];
    }
  }
}

#ifdef HAVE_X86_VECTORS
#define AVX2 __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

/* Lanes [0, count) of an 8-float vector, for the last columns of a row narrower than 8. */
AVX2 INLINE __m256i lanes(int count) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

AVX2 INLINE __m256 load(const float *p, int masked, __m256i mask) {
  return masked ? _mm256_maskload_ps(p, mask) : _mm256_loadu_ps(p);
}

AVX2 INLINE void store(float *p, __m256 v, int masked, __m256i mask) {
  if (masked) _mm256_maskstore_ps(p, mask, v);
  else _mm256_storeu_ps(p, v);
}

/*
 * One block: MR rows (at most 6) × NV vectors of 8 columns (1 or 2), the last vector masked to
 * `mask`'s lanes when MASKED. MR, NV and MASKED are constants at every call, so the
 * accumulators are registers and the loops unroll.
 */
AVX2 INLINE void block(const int MR, const int NV, const int MASKED, __m256i mask, int k, const float *a, ptrdiff_t rs,
                       ptrdiff_t cs, const float *b, int ldb, float *c, int ldc, int accumulate, const float *row) {
  __m256 acc[6][2];
  for (int i = 0; i < MR; i++)
    for (int v = 0; v < NV; v++) {
      const int m = MASKED && v == NV - 1;
      acc[i][v] = accumulate ? load(c + (size_t)i * ldc + 8 * v, m, mask) : row ? load(row + 8 * v, m, mask) : _mm256_setzero_ps();
    }
  for (int p = 0; p < k; p++) {
    const float *bp = b + (size_t)p * ldb;
    __m256 bv[2];
    for (int v = 0; v < NV; v++) bv[v] = load(bp + 8 * v, MASKED && v == NV - 1, mask);
    const float *ap = a + p * cs;
    for (int i = 0; i < MR; i++) {
      const __m256 ai = _mm256_broadcast_ss(ap + i * rs);
      for (int v = 0; v < NV; v++) acc[i][v] = _mm256_fmadd_ps(ai, bv[v], acc[i][v]);
    }
  }
  for (int i = 0; i < MR; i++)
    for (int v = 0; v < NV; v++) store(c + (size_t)i * ldc + 8 * v, acc[i][v], MASKED && v == NV - 1, mask);
}

/* Every row of one column panel: blocks of 6 rows, then the 1-5 left. */
AVX2 INLINE void panel(const int NV, const int MASKED, __m256i mask, int m, int k, mk_operand a, const float *b, int ldb,
                       float *c, int ldc, int accumulate, const float *row) {
  int i = 0;
  for (; i + 6 <= m; i += 6)
    block(6, NV, MASKED, mask, k, a.a + i * a.row_stride, a.row_stride, a.col_stride, b, ldb, c + (size_t)i * ldc, ldc, accumulate, row);
  const float *ai = a.a + i * a.row_stride;
  float *ci = c + (size_t)i * ldc;
  switch (m - i) {
    case 5: block(5, NV, MASKED, mask, k, ai, a.row_stride, a.col_stride, b, ldb, ci, ldc, accumulate, row); break;
    case 4: block(4, NV, MASKED, mask, k, ai, a.row_stride, a.col_stride, b, ldb, ci, ldc, accumulate, row); break;
    case 3: block(3, NV, MASKED, mask, k, ai, a.row_stride, a.col_stride, b, ldb, ci, ldc, accumulate, row); break;
    case 2: block(2, NV, MASKED, mask, k, ai, a.row_stride, a.col_stride, b, ldb, ci, ldc, accumulate, row); break;
    case 1: block(1, NV, MASKED, mask, k, ai, a.row_stride, a.col_stride, b, ldb, ci, ldc, accumulate, row); break;
    default: break;
  }
}

/* Column panels of 16, then one of 8, then the last 1-7 columns masked; B's panel (k × 16) stays in L1 over all rows. */
AVX2 static void mk_gemm_avx2(int m, int n, int k, mk_operand a, const float *b, int ldb, float *c, int ldc, int accumulate,
                              const float *row) {
  const __m256i all = _mm256_set1_epi32(-1);
  int j = 0;
  for (; j + 16 <= n; j += 16) panel(2, 0, all, m, k, a, b + j, ldb, c + j, ldc, accumulate, row ? row + j : NULL);
  for (; j + 8 <= n; j += 8) panel(1, 0, all, m, k, a, b + j, ldb, c + j, ldc, accumulate, row ? row + j : NULL);
  if (j < n) panel(1, 1, lanes(n - j), m, k, a, b + j, ldb, c + j, ldc, accumulate, row ? row + j : NULL);
}
#endif

void mk_gemm(int m, int n, int k, mk_operand a, const float *b, int ldb, float *c, int ldc, int accumulate, const float *row) {
  if (m <= 0 || n <= 0) return;
#ifdef HAVE_X86_VECTORS
  if (vector_math_available()) {
    mk_gemm_avx2(m, n, k, a, b, ldb, c, ldc, accumulate, row);
    return;
  }
#endif
  mk_gemm_scalar(m, n, k, a, b, ldb, c, ldc, accumulate, row);
}

void transpose(int rows, int k, const float *src, int lds, float *dst) {
  for (int r = 0; r < rows; r++)
    for (int p = 0; p < k; p++) dst[(size_t)p * rows + r] = src[(size_t)r * lds + p];
}

const char *small_gemm_path(void) { return vector_math_available() ? "avx2" : "scalar"; }
