#include "activations.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each operation rounded on its own, as tfjs does (hard sigmoid's product then sum): no contraction. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "vector_math.h"

static inline float exp_scalar(float x) {
  x = x < EXP_LO ? EXP_LO : (x > EXP_HI ? EXP_HI : x);
  const float n = nearbyintf(x * LOG2E);
  const float r = x - n * LN2_HI - n * LN2_LO;
  float p = EXP_P[0];
  for (int i = 1; i < 6; i++) p = p * r + EXP_P[i];
  p = p * r * r + r + 1.0f;
  const int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

static inline float sigmoid_scalar(float x) { return 1.0f / (1.0f + exp_scalar(-x)); }

static inline float tanh_scalar(float x) {
  const float e = exp_scalar(-2.0f * fabsf(x));
  return copysignf((1.0f - e) / (1.0f + e), x);
}

static void apply_scalar(int act, float *v, int n) {
  switch (act) {
    case ACT_TANH:
      for (int j = 0; j < n; j++) v[j] = tanh_scalar(v[j]);
      break;
    case ACT_SIGMOID:
      for (int j = 0; j < n; j++) v[j] = sigmoid_scalar(v[j]);
      break;
    case ACT_HARD_SIGMOID: /* tfjs: clip(0.5 + 0.2x, 0, 1); ternaries, not fminf: those stay library calls */
      for (int j = 0; j < n; j++) {
        const float y = 0.5f + 0.2f * v[j];
        v[j] = y < 0.0f ? 0.0f : (y > 1.0f ? 1.0f : y);
      }
      break;
    case ACT_RELU:
      for (int j = 0; j < n; j++) v[j] = v[j] > 0.0f ? v[j] : 0.0f;
      break;
    default:
      break;
  }
}

#ifdef HAVE_X86_VECTORS
AVX2 static void apply_avx2(int act, float *v, int n) {
  if (act == ACT_LINEAR) return;
  int j = 0;
  for (; j + 8 <= n; j += 8) _mm256_storeu_ps(v + j, act8(act, _mm256_loadu_ps(v + j)));
  if (j < n) apply_scalar(act, v + j, n - j);
}

#endif

static int use_avx2 = -1;
int vector_math_available(void) {
  if (use_avx2 < 0) {
#ifdef HAVE_X86_VECTORS
    __builtin_cpu_init();
    const char *off = getenv("TREINO_RNN_NO_AVX2");
    use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && !(off && strcmp(off, "1") == 0);
#else
    use_avx2 = 0;
#endif
  }
  return use_avx2;
}

void act_apply(int act, float *v, int n) {
#ifdef HAVE_X86_VECTORS
  if (vector_math_available()) {
    apply_avx2(act, v, n);
    return;
  }
#endif
  apply_scalar(act, v, n);
}

/* Plain loops without branches in their bodies: the compiler vectorises these by itself. */
void act_mul_derivative(int act, const float *restrict y, float *restrict g, int n) {
  switch (act) {
    case ACT_TANH:
      for (int j = 0; j < n; j++) g[j] *= 1.0f - y[j] * y[j];
      break;
    case ACT_SIGMOID:
      for (int j = 0; j < n; j++) g[j] *= y[j] * (1.0f - y[j]);
      break;
    case ACT_HARD_SIGMOID:
      for (int j = 0; j < n; j++) g[j] = (y[j] > 0.0f && y[j] < 1.0f) ? 0.2f * g[j] : 0.0f;
      break;
    case ACT_RELU:
      for (int j = 0; j < n; j++) g[j] = y[j] > 0.0f ? g[j] : 0.0f;
      break;
    default:
      break;
  }
}
