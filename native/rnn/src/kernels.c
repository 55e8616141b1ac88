#include "kernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gemm.h"

/* Element-wise passes get an AVX2 copy chosen at load time where the CPU has it. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

int rnn_gate_count(int cell) { return cell == CELL_LSTM ? 4 : cell == CELL_GRU ? 3 : 1; }

/*
 * exp without branches so that loops over it vectorise (Cephes' polynomial; relative
 * error ~1e-7 on the clamped range, which is what float32 stores anyway).
 */
static inline float fast_exp(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f; /* round to nearest */
  float r = x - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

static inline float fast_tanh(float x) {
  const float e = fast_exp(-2.0f * fabsf(x));
  return copysignf((1.0f - e) / (1.0f + e), x);
}

/* v = act(v) over n values. */
VECTOR_CLONES
static void apply_act(int act, float *v, int n) {
  switch (act) {
    case ACT_TANH:
      for (int j = 0; j < n; j++) v[j] = fast_tanh(v[j]);
      break;
    case ACT_SIGMOID:
      for (int j = 0; j < n; j++) v[j] = 1.0f / (1.0f + fast_exp(-v[j]));
      break;
    case ACT_HARD_SIGMOID: /* tfjs: clip(0.5 + 0.2x, 0, 1) */
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

/* g *= act'(x), written in terms of y = act(x), which is what the forward pass kept. */
VECTOR_CLONES
static void mul_dact(int act, const float *y, float *g, int n) {
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

/* Input time position read at processing step s. */
static inline int pos(const rnn_shape *s, int step) { return s->go_backwards ? s->T - 1 - step : step; }

static inline size_t row(const rnn_shape *s, int b, int t) { return (size_t)b * s->T + t; }

/* gates = x·w + bias for every (b, t) at once: one large product instead of T small ones. */
static void input_projection(const rnn_shape *s, const float *x, const float *w, const float *bias, float *gates) {
  const int gh = rnn_gate_count(s->cell) * s->H;
  const size_t n = (size_t)s->B * s->T;
  gemm(0, 0, (int)n, gh, s->D, 1.0f, x, s->D, w, gh, 0.0f, gates, gh);
  if (bias) {
    for (size_t r = 0; r < n; r++) {
      float *g = gates + r * gh;
      for (int j = 0; j < gh; j++) g[j] += bias[j];
    }
  }
}

/* h' for the next step, as the products will use it (recurrent dropout applied). */
static void store_next_hprev(const rnn_shape *s, int step, int b, const float *h, const float *rmask, float *hprev) {
  if (step + 1 >= s->T) return;
  float *dst = hprev + row(s, b, pos(s, step + 1)) * s->H;
  const float *m = rmask ? rmask + (size_t)b * s->H : NULL;
  for (int j = 0; j < s->H; j++) dst[j] = m ? h[j] * m[j] : h[j];
}

static int skipped(const rnn_shape *s, const float *mask, int b, int t) { return mask && mask[row(s, b, t)] == 0.0f; }

static void write_output(const rnn_shape *s, int step, int b, const float *h, float *y) {
  if (s->return_sequences) {
    memcpy(y + row(s, b, step) * s->H, h, sizeof(float) * s->H);
  } else if (step == s->T - 1) {
    memcpy(y + (size_t)b * s->H, h, sizeof(float) * s->H);
  }
}

/*
 * Ends step `step` of sequence b: its h is the new one, or the previous one where the mask
 * skips the step (tfjs's rnn(): output and states carried over). Written to the output,
 * kept as the state, and stored as the next step's h'.
 */
static void finish_step(const rnn_shape *s, int step, int b, const float *hnew, const float *mask, float *state,
                        const float *rmask, float *y, float *hprev) {
  float *hs = state + (size_t)b * s->H;
  if (!skipped(s, mask, b, pos(s, step))) memcpy(hs, hnew, sizeof(float) * s->H);
  write_output(s, step, b, hs, y);
  store_next_hprev(s, step, b, hs, rmask, hprev);
}

void rnn_forward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *bias,
                 const float *rmask, const float *mask, float *y, float *gates, float *hprev, float *cs, float *rh,
                 float *scratch) {
  const int B = s->B, T = s->T, H = s->H, G = rnn_gate_count(s->cell), GH = G * H;
  if (B == 0 || T == 0) return;
  input_projection(s, x, w, bias, gates);
  for (int b = 0; b < B; b++) memset(hprev + row(s, b, pos(s, 0)) * H, 0, sizeof(float) * H);
  float *h = scratch;                 /* [H] the step's new h */
  float *tmp = scratch + H;           /* [H] */
  float *state = scratch + 2 * H;     /* [B,H] h after the step (masking applied) */
  memset(state, 0, sizeof(float) * B * H);

  for (int step = 0; step < T; step++) {
    const int t = pos(s, step);
    const size_t ldz = (size_t)T * GH, ldh = (size_t)T * H;
    float *zt = gates + (size_t)t * GH;
    const float *hpt = hprev + (size_t)t * H;
    if (s->cell == CELL_LSTM) {
      if (step > 0) gemm(0, 0, B, GH, H, 1.0f, hpt, (int)ldh, u, GH, 1.0f, zt, (int)ldz);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        apply_act(s->ract, z, H);
        apply_act(s->ract, z + H, H);
        apply_act(s->act, z + 2 * H, H);
        apply_act(s->ract, z + 3 * H, H);
        const float *ig = z, *fg = z + H, *cg = z + 2 * H, *og = z + 3 * H;
        float *c = cs + row(s, b, t) * H;
        const float *cprev = step > 0 ? cs + row(s, b, pos(s, step - 1)) * H : NULL;
        for (int j = 0; j < H; j++) c[j] = (cprev ? fg[j] * cprev[j] : 0.0f) + ig[j] * cg[j];
        memcpy(tmp, c, sizeof(float) * H);
        apply_act(s->act, tmp, H);
        for (int j = 0; j < H; j++) h[j] = og[j] * tmp[j];
        if (skipped(s, mask, b, t)) { /* the cell state is carried over too */
          if (cprev) memcpy(c, cprev, sizeof(float) * H);
          else memset(c, 0, sizeof(float) * H);
        }
        finish_step(s, step, b, h, mask, state, rmask, y, hprev);
      }
    } else if (s->cell == CELL_GRU) {
      if (step > 0) gemm(0, 0, B, 2 * H, H, 1.0f, hpt, (int)ldh, u, GH, 1.0f, zt, (int)ldz);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        apply_act(s->ract, z, 2 * H); /* z and r */
        const float *hp = hprev + row(s, b, t) * H;
        float *rhb = rh + row(s, b, t) * H;
        for (int j = 0; j < H; j++) rhb[j] = z[H + j] * hp[j];
      }
      if (step > 0) gemm(0, 0, B, H, H, 1.0f, rh + (size_t)t * H, (int)ldh, u + 2 * H, GH, 1.0f, zt + 2 * H, (int)ldz);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        apply_act(s->act, z + 2 * H, H);
        const float *hp = hprev + row(s, b, t) * H;
        for (int j = 0; j < H; j++) h[j] = z[j] * hp[j] + (1.0f - z[j]) * z[2 * H + j];
        finish_step(s, step, b, h, mask, state, rmask, y, hprev);
      }
    } else {
      if (step > 0) gemm(0, 0, B, H, H, 1.0f, hpt, (int)ldh, u, GH, 1.0f, zt, (int)ldz);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        apply_act(s->act, z, H);
        finish_step(s, step, b, z, mask, state, rmask, y, hprev);
      }
    }
  }
}

/* dh[b] += dy for this step (all steps with return_sequences, else the last one only). */
static void add_output_grad(const rnn_shape *s, int step, const float *dy, float *dh) {
  const int H = s->H;
  if (!s->return_sequences && step != s->T - 1) return;
  for (int b = 0; b < s->B; b++) {
    const float *src = s->return_sequences ? dy + row(s, b, step) * H : dy + (size_t)b * H;
    float *d = dh + (size_t)b * H;
    for (int j = 0; j < H; j++) d[j] += src[j];
  }
}

static void apply_rmask(const rnn_shape *s, const float *rmask, float *dh) {
  if (!rmask) return;
  const size_t n = (size_t)s->B * s->H;
  for (size_t i = 0; i < n; i++) dh[i] *= rmask[i];
}

/*
 * Where the mask skips a step, the step's h (and c) are the previous ones: their gradient
 * goes straight to the previous step (`carry`), and none reaches this step's gates.
 */
static void split_skipped(const rnn_shape *s, const float *mask, int t, float *d, float *carry) {
  const int H = s->H;
  for (int b = 0; b < s->B; b++) {
    float *db = d + (size_t)b * H, *cb = carry + (size_t)b * H;
    if (skipped(s, mask, b, t)) {
      memcpy(cb, db, sizeof(float) * H);
      memset(db, 0, sizeof(float) * H);
    } else {
      memset(cb, 0, sizeof(float) * H);
    }
  }
}

static void add_carry(const rnn_shape *s, const float *carry, float *d) {
  const size_t n = (size_t)s->B * s->H;
  for (size_t i = 0; i < n; i++) d[i] += carry[i];
}

void rnn_backward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *rmask,
                  const float *mask, const float *dy, const float *gates, const float *hprev, const float *cs, const float *rh,
                  float *dz, float *dx, float *dw, float *du, float *db, float *scratch) {
  const int B = s->B, T = s->T, D = s->D, H = s->H, G = rnn_gate_count(s->cell), GH = G * H;
  const size_t n = (size_t)B * T;
  const size_t ldz = (size_t)T * GH;
  memset(dx, 0, sizeof(float) * n * D);
  memset(dw, 0, sizeof(float) * (size_t)D * GH);
  memset(du, 0, sizeof(float) * (size_t)H * GH);
  if (db) memset(db, 0, sizeof(float) * GH);
  if (B == 0 || T == 0) return;
  float *dh = scratch;                       /* [B,H] gradient flowing into h of this step */
  float *dc = scratch + (size_t)B * H;       /* [B,H] LSTM: into c; GRU: into r*h' */
  float *tmp = scratch + (size_t)2 * B * H;  /* [B,H] */
  float *tmp2 = scratch + (size_t)3 * B * H; /* [B,H] */
  float *carry_h = scratch + (size_t)4 * B * H; /* [B,H] masking: gradient passed over a skipped step */
  float *carry_c = scratch + (size_t)5 * B * H; /* [B,H] the same for the LSTM cell state */
  memset(dh, 0, sizeof(float) * B * H);
  memset(dc, 0, sizeof(float) * B * H);

  for (int step = T - 1; step >= 0; step--) {
    const int t = pos(s, step);
    add_output_grad(s, step, dy, dh);
    if (mask) {
      split_skipped(s, mask, t, dh, carry_h);
      if (s->cell == CELL_LSTM) split_skipped(s, mask, t, dc, carry_c);
    }
    if (s->cell == CELL_LSTM) {
      for (int b = 0; b < B; b++) {
        const float *z = gates + row(s, b, t) * GH;
        const float *ig = z, *fg = z + H, *cg = z + 2 * H, *og = z + 3 * H;
        const float *c = cs + row(s, b, t) * H;
        const float *cprev = step > 0 ? cs + row(s, b, pos(s, step - 1)) * H : NULL;
        float *d = dz + row(s, b, t) * GH;
        float *dhb = dh + (size_t)b * H, *dcb = dc + (size_t)b * H, *tc = tmp + (size_t)b * H, *g = tmp2 + (size_t)b * H;
        memcpy(tc, c, sizeof(float) * H);
        apply_act(s->act, tc, H);
        for (int j = 0; j < H; j++) {
          d[3 * H + j] = dhb[j] * tc[j]; /* do */
          g[j] = dhb[j] * og[j];
        }
        mul_dact(s->act, tc, g, H);
        for (int j = 0; j < H; j++) {
          const float dcj = dcb[j] + g[j];
          d[j] = dcj * cg[j];                          /* di */
          d[H + j] = cprev ? dcj * cprev[j] : 0.0f;    /* df */
          d[2 * H + j] = dcj * ig[j];                  /* dc~ */
          dcb[j] = dcj * fg[j];                        /* into c' */
        }
        mul_dact(s->ract, ig, d, H);
        mul_dact(s->ract, fg, d + H, H);
        mul_dact(s->act, cg, d + 2 * H, H);
        mul_dact(s->ract, og, d + 3 * H, H);
      }
      if (step > 0) {
        gemm(0, 1, B, H, GH, 1.0f, dz + (size_t)t * GH, (int)ldz, u, GH, 0.0f, dh, H);
        apply_rmask(s, rmask, dh);
      }
    } else if (s->cell == CELL_GRU) {
      float *dhp = tmp; /* [B,H] gradient into h' as used (masked) */
      for (int b = 0; b < B; b++) {
        const float *z = gates + row(s, b, t) * GH;
        const float *hp = hprev + row(s, b, t) * H;
        float *d = dz + row(s, b, t) * GH;
        const float *dhb = dh + (size_t)b * H;
        float *dhpb = dhp + (size_t)b * H;
        for (int j = 0; j < H; j++) {
          d[2 * H + j] = dhb[j] * (1.0f - z[j]);        /* into hh */
          d[j] = dhb[j] * (hp[j] - z[2 * H + j]);       /* into z */
          dhpb[j] = dhb[j] * z[j];
          d[H + j] = 0.0f;
        }
        mul_dact(s->act, z + 2 * H, d + 2 * H, H);
        mul_dact(s->ract, z, d, H);
      }
      if (step > 0) {
        float *drh = dc;
        gemm(0, 1, B, H, H, 1.0f, dz + (size_t)t * GH + 2 * H, (int)ldz, u + 2 * H, GH, 0.0f, drh, H);
        for (int b = 0; b < B; b++) {
          const float *z = gates + row(s, b, t) * GH;
          const float *hp = hprev + row(s, b, t) * H;
          float *d = dz + row(s, b, t) * GH;
          const float *drhb = drh + (size_t)b * H;
          float *dhpb = dhp + (size_t)b * H;
          for (int j = 0; j < H; j++) {
            d[H + j] = drhb[j] * hp[j];
            dhpb[j] += drhb[j] * z[H + j];
          }
          mul_dact(s->ract, z + H, d + H, H);
        }
        gemm(0, 1, B, H, 2 * H, 1.0f, dz + (size_t)t * GH, (int)ldz, u, GH, 1.0f, dhp, H);
        memcpy(dh, dhp, sizeof(float) * B * H);
        apply_rmask(s, rmask, dh);
      }
    } else {
      for (int b = 0; b < B; b++) {
        const float *hb = gates + row(s, b, t) * GH;
        float *d = dz + row(s, b, t) * GH;
        memcpy(d, dh + (size_t)b * H, sizeof(float) * H);
        mul_dact(s->act, hb, d, H);
      }
      if (step > 0) {
        gemm(0, 1, B, H, GH, 1.0f, dz + (size_t)t * GH, (int)ldz, u, GH, 0.0f, dh, H);
        apply_rmask(s, rmask, dh);
      }
    }
    if (mask) {
      add_carry(s, carry_h, dh);
      if (s->cell == CELL_LSTM) add_carry(s, carry_c, dc);
    }
  }

  /* Weight and input gradients: a few large products over all (b, t) rows. */
  gemm(0, 1, (int)n, D, GH, 1.0f, dz, GH, w, GH, 0.0f, dx, D);
  gemm(1, 0, D, GH, (int)n, 1.0f, x, D, dz, GH, 0.0f, dw, GH);
  if (s->cell == CELL_GRU) {
    gemm(1, 0, H, 2 * H, (int)n, 1.0f, hprev, H, dz, GH, 0.0f, du, GH);
    gemm(1, 0, H, H, (int)n, 1.0f, rh, H, dz + 2 * H, GH, 0.0f, du + 2 * H, GH);
  } else {
    gemm(1, 0, H, GH, (int)n, 1.0f, hprev, H, dz, GH, 0.0f, du, GH);
  }
  if (db) {
    for (size_t r = 0; r < n; r++) {
      const float *d = dz + r * GH;
      for (int j = 0; j < GH; j++) db[j] += d[j];
    }
  }
}
