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

/*
 * Portable fallback: inner loops run along contiguous rows so that -O3 vectorises them;
 * a transposed B is copied once into row order first (it is at most a weight matrix or one
 * step's gradients), which keeps the inner loop contiguous in every case.
 */
void gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
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
