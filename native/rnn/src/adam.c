#include "adam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each operation rounded on its own, as tfjs does: no multiply-add contraction here. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_X86_VECTORS 1
#include <immintrin.h>
#endif

adam_coefficients adam_coefficients_for(double lr, double beta1, double beta2, double epsilon, float acc_beta1, float acc_beta2) {
  adam_coefficients c;
  c.beta1 = (float)beta1;
  c.one_minus_beta1 = (float)(1.0 - beta1); /* `1 - this.beta1` in JavaScript, then a float32 scalar */
  c.beta2 = (float)beta2;
  c.one_minus_beta2 = (float)(1.0 - beta2);
  c.one_minus_acc_beta1 = (float)(1.0 - (double)acc_beta1); /* sub(1, accBeta1) in float32 */
  c.one_minus_acc_beta2 = (float)(1.0 - (double)acc_beta2);
  c.epsilon = (float)epsilon;
  c.neg_lr = (float)(-lr);
  return c;
}

/* One element at a time from `from` (the vector path's tail). */
static void step_scalar(const adam_coefficients *c, size_t from, size_t n, const float *w, const float *g, const float *m,
                        const float *v, float *w_out, float *m_out, float *v_out) {
  for (size_t i = from; i < n; i++) {
    const float gi = g[i];
    const float mt = m[i] * c->beta1 + gi * c->one_minus_beta1;
    const float vt = v[i] * c->beta2 + (gi * gi) * c->one_minus_beta2;
    const float m_hat = mt / c->one_minus_acc_beta1;
    const float v_hat = vt / c->one_minus_acc_beta2;
    const float wi = w[i];
    m_out[i] = mt;
    v_out[i] = vt;
    w_out[i] = (m_hat / (sqrtf(v_hat) + c->epsilon)) * c->neg_lr + wi;
  }
}

/*
 * Without AVX2: blocks of 16 copied into local arrays, so that the compiler, knowing they
 * do not overlap (the outputs may be the inputs), vectorises the arithmetic by itself (SSE2
 * on any x86-64, NEON on arm64): the plain loop stays one element at a time, ~9x slower.
 */
#define BLOCK 16
static void step_blocks(const adam_coefficients *c, size_t n, const float *w, const float *g, const float *m, const float *v,
                        float *w_out, float *m_out, float *v_out) {
  const float b1 = c->beta1, omb1 = c->one_minus_beta1, b2 = c->beta2, omb2 = c->one_minus_beta2;
  const float oma1 = c->one_minus_acc_beta1, oma2 = c->one_minus_acc_beta2, eps = c->epsilon, nlr = c->neg_lr;
  size_t i = 0;
  for (; i + BLOCK <= n; i += BLOCK) {
    float gb[BLOCK], mb[BLOCK], vb[BLOCK], wb[BLOCK];
    memcpy(gb, g + i, sizeof gb);
    memcpy(mb, m + i, sizeof mb);
    memcpy(vb, v + i, sizeof vb);
    memcpy(wb, w + i, sizeof wb);
    for (int j = 0; j < BLOCK; j++) {
      const float mt = mb[j] * b1 + gb[j] * omb1;
      const float vt = vb[j] * b2 + (gb[j] * gb[j]) * omb2;
      mb[j] = mt;
      vb[j] = vt;
      wb[j] = ((mt / oma1) / (sqrtf(vt / oma2) + eps)) * nlr + wb[j];
    }
    memcpy(m_out + i, mb, sizeof mb);
    memcpy(v_out + i, vb, sizeof vb);
    memcpy(w_out + i, wb, sizeof wb);
  }
  step_scalar(c, i, n, w, g, m, v, w_out, m_out, v_out);
}

#ifdef HAVE_X86_VECTORS
/* AVX2 without FMA on purpose: the products and sums must stay separately rounded. */
__attribute__((target("avx2"))) static void step_avx2(const adam_coefficients *c, size_t n, const float *w, const float *g,
                                                      const float *m, const float *v, float *w_out, float *m_out, float *v_out) {
  const __m256 b1 = _mm256_set1_ps(c->beta1), omb1 = _mm256_set1_ps(c->one_minus_beta1);
  const __m256 b2 = _mm256_set1_ps(c->beta2), omb2 = _mm256_set1_ps(c->one_minus_beta2);
  const __m256 oma1 = _mm256_set1_ps(c->one_minus_acc_beta1), oma2 = _mm256_set1_ps(c->one_minus_acc_beta2);
  const __m256 eps = _mm256_set1_ps(c->epsilon), nlr = _mm256_set1_ps(c->neg_lr);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 gi = _mm256_loadu_ps(g + i);
    const __m256 mt = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(m + i), b1), _mm256_mul_ps(gi, omb1));
    const __m256 vt = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(v + i), b2), _mm256_mul_ps(_mm256_mul_ps(gi, gi), omb2));
    const __m256 m_hat = _mm256_div_ps(mt, oma1);
    const __m256 v_hat = _mm256_div_ps(vt, oma2);
    const __m256 step = _mm256_mul_ps(_mm256_div_ps(m_hat, _mm256_add_ps(_mm256_sqrt_ps(v_hat), eps)), nlr);
    const __m256 wi = _mm256_add_ps(step, _mm256_loadu_ps(w + i));
    _mm256_storeu_ps(m_out + i, mt);
    _mm256_storeu_ps(v_out + i, vt);
    _mm256_storeu_ps(w_out + i, wi);
  }
  step_scalar(c, i, n, w, g, m, v, w_out, m_out, v_out);
}

/* TREINO_RNN_ADAM_NO_AVX2=1 (tests): the fallback, as on a CPU without AVX2. */
static int use_avx2 = -1;
static int avx2_available(void) {
  if (use_avx2 < 0) {
    __builtin_cpu_init();
    const char *off = getenv("TREINO_RNN_ADAM_NO_AVX2");
    use_avx2 = __builtin_cpu_supports("avx2") && !(off && strcmp(off, "1") == 0);
  }
  return use_avx2;
}
#endif

void adam_step(const adam_coefficients *c, size_t n, const float *w, const float *g, const float *m, const float *v, float *w_out,
               float *m_out, float *v_out) {
#ifdef HAVE_X86_VECTORS
  if (avx2_available()) {
    step_avx2(c, n, w, g, m, v, w_out, m_out, v_out);
    return;
  }
#endif
  step_blocks(c, n, w, g, m, v, w_out, m_out, v_out);
}

const char *adam_vector_path(void) {
#ifdef HAVE_X86_VECTORS
  if (avx2_available()) return "avx2";
#endif
  return "scalar";
}
