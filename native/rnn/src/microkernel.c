#include "microkernel.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_X86_VECTORS 1
#include <immintrin.h>
#endif

static void small_gemm_scalar(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int accumulate, float *c,
                              int ldc) {
  for (int i = 0; i < m; i++) {
    float *ci = c + (size_t)i * ldc;
    if (!accumulate) memset(ci, 0, sizeof(float) * n);
    for (int p = 0; p < k; p++) {
      const float aip = a[(size_t)i * lda + p];
      const float *bp = b + (size_t)p * ldb;
      for (int j = 0; j < n; j++) ci[j] += aip * bp[j];
    }
  }
}

#ifdef HAVE_X86_VECTORS
#define AVX2 __attribute__((target("avx2,fma")))

/* Rows [i0, i0+4) × columns [j, j+16). */
AVX2 static inline void block_4x16(int k, const float *a, int lda, const float *b, int ldb, int accumulate, float *c, int ldc) {
  __m256 c00, c01, c10, c11, c20, c21, c30, c31;
  if (accumulate) {
    c00 = _mm256_loadu_ps(c), c01 = _mm256_loadu_ps(c + 8);
    c10 = _mm256_loadu_ps(c + ldc), c11 = _mm256_loadu_ps(c + ldc + 8);
    c20 = _mm256_loadu_ps(c + 2 * ldc), c21 = _mm256_loadu_ps(c + 2 * ldc + 8);
    c30 = _mm256_loadu_ps(c + 3 * ldc), c31 = _mm256_loadu_ps(c + 3 * ldc + 8);
  } else {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = _mm256_setzero_ps();
  }
  for (int p = 0; p < k; p++) {
    const float *bp = b + (size_t)p * ldb;
    const __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
    __m256 ai = _mm256_broadcast_ss(a + p);
    c00 = _mm256_fmadd_ps(ai, b0, c00), c01 = _mm256_fmadd_ps(ai, b1, c01);
    ai = _mm256_broadcast_ss(a + lda + p);
    c10 = _mm256_fmadd_ps(ai, b0, c10), c11 = _mm256_fmadd_ps(ai, b1, c11);
    ai = _mm256_broadcast_ss(a + 2 * (size_t)lda + p);
    c20 = _mm256_fmadd_ps(ai, b0, c20), c21 = _mm256_fmadd_ps(ai, b1, c21);
    ai = _mm256_broadcast_ss(a + 3 * (size_t)lda + p);
    c30 = _mm256_fmadd_ps(ai, b0, c30), c31 = _mm256_fmadd_ps(ai, b1, c31);
  }
  _mm256_storeu_ps(c, c00), _mm256_storeu_ps(c + 8, c01);
  _mm256_storeu_ps(c + ldc, c10), _mm256_storeu_ps(c + ldc + 8, c11);
  _mm256_storeu_ps(c + 2 * ldc, c20), _mm256_storeu_ps(c + 2 * ldc + 8, c21);
  _mm256_storeu_ps(c + 3 * ldc, c30), _mm256_storeu_ps(c + 3 * ldc + 8, c31);
}

/* One row × 8 columns. */
AVX2 static inline void block_1x8(int k, const float *a, const float *b, int ldb, int accumulate, float *c) {
  __m256 acc = accumulate ? _mm256_loadu_ps(c) : _mm256_setzero_ps();
  for (int p = 0; p < k; p++) acc = _mm256_fmadd_ps(_mm256_broadcast_ss(a + p), _mm256_loadu_ps(b + (size_t)p * ldb), acc);
  _mm256_storeu_ps(c, acc);
}

AVX2 static void small_gemm_avx2(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int accumulate, float *c,
                                 int ldc) {
  int j = 0;
  /* Column panels of 16: the panel of B (k × 16) stays in L1 while every row block passes over it. */
  for (; j + 16 <= n; j += 16) {
    int i = 0;
    for (; i + 4 <= m; i += 4) block_4x16(k, a + (size_t)i * lda, lda, b + j, ldb, accumulate, c + (size_t)i * ldc + j, ldc);
    for (; i < m; i++) {
      block_1x8(k, a + (size_t)i * lda, b + j, ldb, accumulate, c + (size_t)i * ldc + j);
      block_1x8(k, a + (size_t)i * lda, b + j + 8, ldb, accumulate, c + (size_t)i * ldc + j + 8);
    }
  }
  for (; j + 8 <= n; j += 8)
    for (int i = 0; i < m; i++) block_1x8(k, a + (size_t)i * lda, b + j, ldb, accumulate, c + (size_t)i * ldc + j);
  if (j < n) small_gemm_scalar(m, n - j, k, a, lda, b + j, ldb, accumulate, c + j, ldc);
}
#endif

static int use_avx2 = -1;

static int avx2_available(void) {
  if (use_avx2 < 0) {
#ifdef HAVE_X86_VECTORS
    const char *off = getenv("TREINO_RNN_GEMM_NO_AVX2");
    use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && !(off && strcmp(off, "1") == 0);
#else
    use_avx2 = 0;
#endif
  }
  return use_avx2;
}

void small_gemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int accumulate, float *c, int ldc) {
  if (m <= 0 || n <= 0) return;
#ifdef HAVE_X86_VECTORS
  if (avx2_available()) {
    small_gemm_avx2(m, n, k, a, lda, b, ldb, accumulate, c, ldc);
    return;
  }
#endif
  small_gemm_scalar(m, n, k, a, lda, b, ldb, accumulate, c, ldc);
}

void transpose(int rows, int k, const float *src, int lds, float *dst) {
  for (int r = 0; r < rows; r++)
    for (int p = 0; p < k; p++) dst[(size_t)p * rows + r] = src[(size_t)r * lds + p];
}

const char *small_gemm_path(void) { return avx2_available() ? "avx2" : "scalar"; }
