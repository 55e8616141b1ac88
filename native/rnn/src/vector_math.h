/*
 * The activations eight lanes at a time (AVX2 with FMA), shared by activations.c and the LSTM
 * cell's fused row math (lstm_cell.c). Static inline: each caller compiles them into its own
 * AVX2 functions, which run only where vector_math_available() (activations.h) says so.
 */
#ifndef TREINO_RNN_VECTOR_MATH_H
#define TREINO_RNN_VECTOR_MATH_H

#include "activations.h"

/* Cephes' exp polynomial (relative error ~1e-7 on the clamped range: float32's own precision). */
#define EXP_HI 88.0f
#define EXP_LO (-87.0f)
#define LOG2E 1.44269504088896341f
#define LN2_HI 0.693359375f
#define LN2_LO (-2.12194440e-4f)
static const float EXP_P[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_X86_VECTORS 1
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static inline __m256 exp8(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(EXP_LO)), _mm256_set1_ps(EXP_HI));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_HI), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_LO), r);
  __m256 p = _mm256_set1_ps(EXP_P[0]);
  for (int i = 1; i < 6; i++) p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(EXP_P[i]));
  p = _mm256_fmadd_ps(_mm256_mul_ps(p, r), r, _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
  const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

AVX2 static inline __m256 sigmoid8(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

AVX2 static inline __m256 tanh8(__m256 x) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 abs = _mm256_andnot_ps(sign, x);
  const __m256 e = exp8(_mm256_mul_ps(abs, _mm256_set1_ps(-2.0f)));
  const __m256 t = _mm256_div_ps(_mm256_sub_ps(one, e), _mm256_add_ps(one, e));
  return _mm256_or_ps(t, _mm256_and_ps(sign, x));
}

/* tfjs's hard sigmoid: clip(0.5 + 0.2x, 0, 1), Keras's default recurrent activation. */
AVX2 static inline __m256 hard_sigmoid8(__m256 x) {
  /* a product then a sum, as tfjs rounds it (one fused multiply-add would round once) */
  const __m256 y = _mm256_add_ps(_mm256_mul_ps(x, _mm256_set1_ps(0.2f)), _mm256_set1_ps(0.5f));
  return _mm256_min_ps(_mm256_max_ps(y, _mm256_setzero_ps()), _mm256_set1_ps(1.0f));
}

/* act(x), the activation chosen at run time (a well-predicted branch per call). */
AVX2 static inline __m256 act8(int act, __m256 x) {
  switch (act) {
    case ACT_TANH: return tanh8(x);
    case ACT_SIGMOID: return sigmoid8(x);
    case ACT_HARD_SIGMOID: return hard_sigmoid8(x);
    case ACT_RELU: return _mm256_max_ps(x, _mm256_setzero_ps());
    default: return x;
  }
}

/* g·act'(x), from y = act(x) as act_mul_derivative computes it (masks, not products, where the derivative is 0 or 1). */
AVX2 static inline __m256 mul_derivative8(int act, __m256 y, __m256 g) {
  const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
  switch (act) {
    case ACT_TANH: return _mm256_mul_ps(g, _mm256_sub_ps(one, _mm256_mul_ps(y, y)));
    case ACT_SIGMOID: return _mm256_mul_ps(g, _mm256_mul_ps(y, _mm256_sub_ps(one, y)));
    case ACT_HARD_SIGMOID: {
      const __m256 inside = _mm256_and_ps(_mm256_cmp_ps(y, zero, _CMP_GT_OQ), _mm256_cmp_ps(y, one, _CMP_LT_OQ));
      return _mm256_and_ps(inside, _mm256_mul_ps(_mm256_set1_ps(0.2f), g));
    }
    case ACT_RELU: return _mm256_and_ps(_mm256_cmp_ps(y, zero, _CMP_GT_OQ), g);
    default: return g;
  }
}

#endif

#endif
