#include "activations.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_X86_VECTORS 1
#include <immintrin.h>
#endif

/* Cephes' exp polynomial (relative error ~1e-7 on the clamped range: float32's own precision). */
#define EXP_HI 88.0f
#define EXP_LO (-87.0f)
#define LOG2E 1.44269504088896341f
#define LN2_HI 0.693359375f
#define LN2_LO (-2.12194440e-4f)
static const float EXP_P[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

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

AVX2 static void apply_avx2(int act, float *v, int n) {
  if (act == ACT_LINEAR) return;
  int j = 0;
  for (; j + 8 <= n; j += 8) {
    const __m256 x = _mm256_loadu_ps(v + j);
    __m256 y;
    switch (act) {
      case ACT_TANH: y = tanh8(x); break;
      case ACT_SIGMOID: y = sigmoid8(x); break;
      case ACT_HARD_SIGMOID: y = hard_sigmoid8(x); break;
      default: y = _mm256_max_ps(x, _mm256_setzero_ps()); break; /* relu */
    }
    _mm256_storeu_ps(v + j, y);
  }
  if (j < n) apply_scalar(act, v + j, n - j);
}

static int use_avx2 = -1;
static int avx2_available(void) {
  if (use_avx2 < 0) {
    __builtin_cpu_init();
    use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }
  return use_avx2;
}
#endif

void act_apply(int act, float *v, int n) {
#ifdef HAVE_X86_VECTORS
  if (avx2_available()) {
    apply_avx2(act, v, n);
    return;
  }
#endif
  apply_scalar(act, v, n);
}

const char *act_vector_path(void) {
#ifdef HAVE_X86_VECTORS
  if (avx2_available()) return "avx2";
#endif
  return "scalar";
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
