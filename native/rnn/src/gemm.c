#include "gemm.h"

#include <stddef.h>
#include <stdlib.h>

#ifdef TREINO_HAVE_OPENBLAS
#include <cblas.h>

extern void openblas_set_num_threads(int);

void gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
          float beta, float *c, int ldc) {
  if (m == 0 || n == 0) return;
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k, alpha,
              a, lda, b, ldb, beta, c, ldc);
}

const char *gemm_library(void) { return "openblas"; }

void gemm_init(void) { openblas_set_num_threads(1); }

#else

#include "microkernel.h"

/*
 * Portable fallback: the kernels' calls (alpha 1, beta 0 or 1) go to the register-blocked
 * microkernel (microkernel.c), a transposed operand copied once into row order first; any
 * other call to the loop nest below.
 */
static void gemm_loops(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b,
                       int ldb, float beta, float *c, int ldc);

void gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
          float beta, float *c, int ldc) {
  if (m <= 0 || n <= 0) return;
  if (alpha == 1.0f && (beta == 0.0f || beta == 1.0f)) {
    float *at = trans_a ? malloc(sizeof(float) * (size_t)m * (k > 0 ? k : 1)) : NULL;
    float *bt = trans_b ? malloc(sizeof(float) * (size_t)(k > 0 ? k : 1) * n) : NULL;
    if ((!trans_a || at) && (!trans_b || bt)) {
      if (at) transpose(k, m, a, lda, at); /* a is [k,m]: at [m,k] */
      if (bt) transpose(n, k, b, ldb, bt); /* b is [n,k]: bt [k,n] */
      small_gemm(m, n, k, at ? at : a, at ? k : lda, bt ? bt : b, bt ? n : ldb, beta == 1.0f, c, ldc);
      free(at);
      free(bt);
      return;
    }
    free(at);
    free(bt);
  }
  gemm_loops(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/*
 * Inner loops run along contiguous rows so that -O3 vectorises them; a transposed B is copied
 * once into row order first, which keeps the inner loop contiguous in every case.
 */
static void gemm_loops(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
          float beta, float *c, int ldc) {
  float *bt = NULL;
  if (trans_b && m > 0 && n > 0 && k > 0) {
    bt = malloc(sizeof(float) * (size_t)k * n);
    if (bt) {
      for (int j = 0; j < n; j++)
        for (int p = 0; p < k; p++) bt[(size_t)p * n + j] = b[(size_t)j * ldb + p];
      b = bt;
      ldb = n;
      trans_b = 0;
    }
  }
  for (int i = 0; i < m; i++) {
    float *crow = c + (size_t)i * ldc;
    if (beta == 0.0f) {
      for (int j = 0; j < n; j++) crow[j] = 0.0f;
    } else if (beta != 1.0f) {
      for (int j = 0; j < n; j++) crow[j] *= beta;
    }
    if (!trans_b) {
      for (int p = 0; p < k; p++) {
        const float aip = alpha * (trans_a ? a[(size_t)p * lda + i] : a[(size_t)i * lda + p]);
        const float *brow = b + (size_t)p * ldb;
        for (int j = 0; j < n; j++) crow[j] += aip * brow[j];
      }
    } else { /* only when the copy could not be allocated */
      for (int j = 0; j < n; j++) {
        const float *brow = b + (size_t)j * ldb;
        float sum = 0.0f;
        for (int p = 0; p < k; p++) sum += (trans_a ? a[(size_t)p * lda + i] : a[(size_t)i * lda + p]) * brow[p];
        crow[j] += alpha * sum;
      }
    }
  }
  free(bt);
}

const char *gemm_library(void) { return "builtin"; }

void gemm_init(void) {}

#endif
