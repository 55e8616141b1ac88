/*
 * Row-major single-precision matrix product C = alpha*op(A)·op(B) + beta*C, the one BLAS
 * routine the kernels need. OpenBLAS's cblas_sgemm when the addon was built against it
 * (Debian's libopenblas-dev), else a portable loop nest the compiler vectorises.
 */
#ifndef TREINO_RNN_GEMM_H
#define TREINO_RNN_GEMM_H

void gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
          float beta, float *c, int ldc);

/* "openblas" or "builtin": reported with each grading. */
const char *gemm_library(void);

/* One thread per grading job: the worker already runs one job per core. */
void gemm_init(void);

#endif
