#include "lstm_cell.h"

#include <string.h>

/* No multiply-add contraction: the vector path rounds each operation as the plain one does. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "activations.h"
#include "vector_math.h"

/* Units [from, H) with the activations' own calls: where AVX2 is missing, and the last H mod 8 units. */
static void forward_units(int act, int ract, float *z, const float *cprev, float *c, float *h, int H, int from) {
  const int n = H - from;
  if (n <= 0) return;
  float *ig = z, *fg = z + H, *cg = z + 2 * H, *og = z + 3 * H;
  act_apply(ract, ig + from, n);
  act_apply(ract, fg + from, n);
  act_apply(act, cg + from, n);
  act_apply(ract, og + from, n);
  for (int j = from; j < H; j++) c[j] = (cprev ? fg[j] * cprev[j] : 0.0f) + ig[j] * cg[j];
  memcpy(h + from, c + from, sizeof(float) * n);
  act_apply(act, h + from, n);
  for (int j = from; j < H; j++) h[j] *= og[j];
}

static void backward_units(int act, int ract, const float *z, const float *c, const float *cprev, const float *dh, float *dc,
                           float *d, int H, int from) {
  const int n = H - from;
  if (n <= 0) return;
  const float *ig = z, *fg = z + H, *cg = z + 2 * H, *og = z + 3 * H;
  float *di = d, *df = d + H, *dg = d + 2 * H, *dout = d + 3 * H;
  /* dout holds a(c) for a moment; dg the gradient into c through h. */
  memcpy(dout + from, c + from, sizeof(float) * n);
  act_apply(act, dout + from, n);
  for (int j = from; j < H; j++) dg[j] = dh[j] * og[j];
  act_mul_derivative(act, dout + from, dg + from, n);
  for (int j = from; j < H; j++) {
    const float dcj = dc[j] + dg[j];
    dout[j] *= dh[j];
    di[j] = dcj * cg[j];
    df[j] = cprev ? dcj * cprev[j] : 0.0f;
    dg[j] = dcj * ig[j];
    dc[j] = dcj * fg[j];
  }
  act_mul_derivative(ract, ig + from, di + from, n);
  act_mul_derivative(ract, fg + from, df + from, n);
  act_mul_derivative(act, cg + from, dg + from, n);
  act_mul_derivative(ract, og + from, dout + from, n);
}

#ifdef HAVE_X86_VECTORS
/* Units [0, H - H mod 8), eight at a time; returns where the plain path takes over. */
AVX2 static int forward_avx2(int act, int ract, float *z, const float *cprev, float *c, float *h, int H) {
  int j = 0;
  for (; j + 8 <= H; j += 8) {
    const __m256 i = act8(ract, _mm256_loadu_ps(z + j)), f = act8(ract, _mm256_loadu_ps(z + H + j));
    const __m256 g = act8(act, _mm256_loadu_ps(z + 2 * H + j)), o = act8(ract, _mm256_loadu_ps(z + 3 * H + j));
    _mm256_storeu_ps(z + j, i);
    _mm256_storeu_ps(z + H + j, f);
    _mm256_storeu_ps(z + 2 * H + j, g);
    _mm256_storeu_ps(z + 3 * H + j, o);
    __m256 cv = _mm256_mul_ps(i, g);
    if (cprev) cv = _mm256_add_ps(_mm256_mul_ps(f, _mm256_loadu_ps(cprev + j)), cv);
    _mm256_storeu_ps(c + j, cv);
    _mm256_storeu_ps(h + j, _mm256_mul_ps(o, act8(act, cv)));
  }
  return j;
}

AVX2 static int backward_avx2(int act, int ract, const float *z, const float *c, const float *cprev, const float *dh, float *dc,
                              float *d, int H) {
  int j = 0;
  for (; j + 8 <= H; j += 8) {
    const __m256 i = _mm256_loadu_ps(z + j), f = _mm256_loadu_ps(z + H + j);
    const __m256 g = _mm256_loadu_ps(z + 2 * H + j), o = _mm256_loadu_ps(z + 3 * H + j);
    const __m256 ac = act8(act, _mm256_loadu_ps(c + j)), dhv = _mm256_loadu_ps(dh + j);
    const __m256 dcj = _mm256_add_ps(_mm256_loadu_ps(dc + j), mul_derivative8(act, ac, _mm256_mul_ps(dhv, o)));
    _mm256_storeu_ps(d + j, mul_derivative8(ract, i, _mm256_mul_ps(dcj, g)));
    _mm256_storeu_ps(d + H + j, cprev ? mul_derivative8(ract, f, _mm256_mul_ps(dcj, _mm256_loadu_ps(cprev + j))) : _mm256_setzero_ps());
    _mm256_storeu_ps(d + 2 * H + j, mul_derivative8(act, g, _mm256_mul_ps(dcj, i)));
    _mm256_storeu_ps(d + 3 * H + j, mul_derivative8(ract, o, _mm256_mul_ps(dhv, ac)));
    _mm256_storeu_ps(dc + j, _mm256_mul_ps(dcj, f));
  }
  return j;
}
#endif

void lstm_forward_row(int act, int ract, float *z, const float *cprev, float *c, float *h, int H) {
  int done = 0;
#ifdef HAVE_X86_VECTORS
  if (vector_math_available()) done = forward_avx2(act, ract, z, cprev, c, h, H);
#endif
  forward_units(act, ract, z, cprev, c, h, H, done);
}

void lstm_backward_row(int act, int ract, const float *z, const float *c, const float *cprev, const float *dh, float *dc,
                       float *d, int H) {
  int done = 0;
#ifdef HAVE_X86_VECTORS
  if (vector_math_available()) done = backward_avx2(act, ract, z, c, cprev, dh, dc, d, H);
#endif
  backward_units(act, ract, z, c, cprev, dh, dc, d, H, done);
}
