#include "kernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "activations.h"
#include "lstm_cell.h"
#include "microkernel.h"

int rnn_gate_count(int cell) { return cell == CELL_LSTM ? 4 : cell == CELL_GRU ? 3 : 1; }

/* Input time position read at processing step s. */
static inline int pos(const rnn_shape *s, int step) { return s->go_backwards ? s->T - 1 - step : step; }

/*
 * Row of (b, t) in the saved per-step arrays (gates, hprev, cs, rh, dz): time-major, so that
 * one step's rows for the whole batch are contiguous: each step's product and gate math
 * then reads and writes one small block that stays in cache, instead of B rows strided
 * T rows apart.
 */
static inline size_t row(const rnn_shape *s, int b, int t) { return (size_t)t * s->B + b; }

/* Row of (b, t) in the caller's arrays (x, y, mask, dx, dy): batch-major, as tfjs has them. */
static inline size_t ext(const rnn_shape *s, int b, int t) { return (size_t)b * s->T + t; }

/* h' for the next step, as the products will use it (recurrent dropout applied). */
static void store_next_hprev(const rnn_shape *s, int step, int b, const float *h, const float *rmask, float *hprev) {
  if (step + 1 >= s->T) return;
  float *dst = hprev + row(s, b, pos(s, step + 1)) * s->H;
  const float *m = rmask ? rmask + (size_t)b * s->H : NULL;
  for (int j = 0; j < s->H; j++) dst[j] = m ? h[j] * m[j] : h[j];
}

static int skipped(const rnn_shape *s, const float *mask, int b, int t) { return mask && mask[ext(s, b, t)] == 0.0f; }

static void write_output(const rnn_shape *s, int step, int b, const float *h, float *y) {
  if (s->return_sequences) {
    memcpy(y + ext(s, b, step) * s->H, h, sizeof(float) * s->H);
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

/*
 * The step's input product into its gates: zt = bias + x_t·W, x's rows for this step read in
 * place; for an Embedding's rows, each row's precomputed bias + row·W copied instead.
 */
static void input_gates(const rnn_shape *s, int t, const float *x, const float *w, const float *bias,
                        const rnn_embedded_input *embedded, float *zt) {
  const int GH = rnn_gate_count(s->cell) * s->H;
  if (embedded) {
    for (int b = 0; b < s->B; b++)
      memcpy(zt + (size_t)b * GH, embedded->work + (size_t)embedded->slot[ext(s, b, t)] * GH, sizeof(float) * GH);
  } else {
    mk_gemm(s->B, GH, s->D, (mk_operand){x + (size_t)t * s->D, (ptrdiff_t)s->T * s->D, 1}, w, GH, zt, GH, 0, bias);
  }
}

void rnn_forward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *bias,
                 const float *rmask, const float *mask, float *y, float *gates, float *hprev, float *cs, float *rh,
                 float *scratch, const rnn_embedded_input *embedded) {
  const int B = s->B, T = s->T, H = s->H, G = rnn_gate_count(s->cell), GH = G * H;
  if (B == 0 || T == 0) return;
  if (embedded) mk_gemm(embedded->count, GH, s->D, (mk_operand){embedded->rows, s->D, 1}, w, GH, embedded->work, GH, 0, bias);
  for (int b = 0; b < B; b++) memset(hprev + row(s, b, pos(s, 0)) * H, 0, sizeof(float) * H);
  float *h = scratch;             /* [H] the step's new h */
  float *state = scratch + H;     /* [B,H] h after the step (masking applied) */
  memset(state, 0, sizeof(float) * B * H);

  for (int step = 0; step < T; step++) {
    const int t = pos(s, step);
    float *zt = gates + row(s, 0, t) * GH;
    const mk_operand hpt = {hprev + row(s, 0, t) * H, H, 1};
    input_gates(s, t, x, w, bias, embedded, zt); /* z = bias + x·W, then + h'·U below */
    if (s->cell == CELL_LSTM) {
      if (step > 0) mk_gemm(B, GH, H, hpt, u, GH, zt, GH, 1, NULL);
      for (int b = 0; b < B; b++) {
        float *c = cs + row(s, b, t) * H;
        const float *cprev = step > 0 ? cs + row(s, b, pos(s, step - 1)) * H : NULL;
        lstm_forward_row(s->act, s->ract, gates + row(s, b, t) * GH, cprev, c, h, H);
        if (skipped(s, mask, b, t)) { /* the cell state is carried over too */
          if (cprev) memcpy(c, cprev, sizeof(float) * H);
          else memset(c, 0, sizeof(float) * H);
        }
        finish_step(s, step, b, h, mask, state, rmask, y, hprev);
      }
    } else if (s->cell == CELL_GRU) {
      if (step > 0) mk_gemm(B, 2 * H, H, hpt, u, GH, zt, GH, 1, NULL);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        act_apply(s->ract, z, 2 * H); /* z and r */
        const float *hp = hprev + row(s, b, t) * H;
        float *rhb = rh + row(s, b, t) * H;
        for (int j = 0; j < H; j++) rhb[j] = z[H + j] * hp[j];
      }
      if (step > 0) mk_gemm(B, H, H, (mk_operand){rh + row(s, 0, t) * H, H, 1}, u + 2 * H, GH, zt + 2 * H, GH, 1, NULL);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        act_apply(s->act, z + 2 * H, H);
        const float *hp = hprev + row(s, b, t) * H;
        for (int j = 0; j < H; j++) h[j] = z[j] * hp[j] + (1.0f - z[j]) * z[2 * H + j];
        finish_step(s, step, b, h, mask, state, rmask, y, hprev);
      }
    } else {
      if (step > 0) mk_gemm(B, H, H, hpt, u, GH, zt, GH, 1, NULL);
      for (int b = 0; b < B; b++) {
        float *z = gates + row(s, b, t) * GH;
        act_apply(s->act, z, H);
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
    const float *src = s->return_sequences ? dy + ext(s, b, step) * H : dy + (size_t)b * H;
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

/*
 * The step's share of the input and weight gradients, while dz_t is hot: dx_t = dz_t·Wᵀ (into
 * the step's rows of the batch-major dx), dW += x_tᵀ·dz_t, dU += h'_tᵀ·dz_t (GRU: (r*h')ᵀ for
 * the candidate's columns), db += dz_t's column sums. h' (and r*h') is zero at the first step.
 */
static void step_gradients(const rnn_shape *s, int step, int t, const float *x, const float *hprev, const float *rh,
                           const float *dzt, const float *wt, float *dx, float *dw, float *du, float *db,
                           const rnn_embedded_input *embedded) {
  const int B = s->B, D = s->D, H = s->H, GH = rnn_gate_count(s->cell) * H;
  const ptrdiff_t x_rows = (ptrdiff_t)s->T * D;
  if (embedded) { /* dz rows summed per id; dW and dx from the sums after the loop */
    for (int b = 0; b < B; b++) {
      float *sum = embedded->work + (size_t)embedded->slot[ext(s, b, t)] * GH;
      const float *d = dzt + (size_t)b * GH;
      for (int j = 0; j < GH; j++) sum[j] += d[j];
    }
  } else {
    mk_gemm(B, D, GH, (mk_operand){dzt, GH, 1}, wt, D, dx + (size_t)t * D, (int)x_rows, 0, NULL);
    mk_gemm(D, GH, B, (mk_operand){x + (size_t)t * D, 1, x_rows}, dzt, GH, dw, GH, 1, NULL);
  }
  if (step > 0) {
    const mk_operand hpt = {hprev + row(s, 0, t) * H, 1, H};
    if (s->cell == CELL_GRU) {
      mk_gemm(H, 2 * H, B, hpt, dzt, GH, du, GH, 1, NULL);
      mk_gemm(H, H, B, (mk_operand){rh + row(s, 0, t) * H, 1, H}, dzt + 2 * H, GH, du + 2 * H, GH, 1, NULL);
    } else {
      mk_gemm(H, GH, B, hpt, dzt, GH, du, GH, 1, NULL);
    }
  }
  if (db) {
    for (int b = 0; b < B; b++) {
      const float *d = dzt + (size_t)b * GH;
      for (int j = 0; j < GH; j++) db[j] += d[j];
    }
  }
}

void rnn_backward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *rmask,
                  const float *mask, const float *dy, const float *gates, const float *hprev, const float *cs, const float *rh,
                  float *dz, float *dx, float *dw, float *du, float *db, float *scratch, const rnn_embedded_input *embedded) {
  const int B = s->B, T = s->T, D = s->D, H = s->H, G = rnn_gate_count(s->cell), GH = G * H;
  memset(dw, 0, sizeof(float) * (size_t)D * GH);
  memset(du, 0, sizeof(float) * (size_t)H * GH);
  if (db) memset(db, 0, sizeof(float) * GH);
  if (B == 0 || T == 0) return;
  if (embedded) memset(embedded->work, 0, sizeof(float) * (size_t)embedded->count * GH);
  float *dh = scratch;                       /* [B,H] gradient flowing into h of this step */
  float *dc = scratch + (size_t)B * H;       /* [B,H] LSTM: into c; GRU: into r*h' */
  float *tmp = scratch + (size_t)2 * B * H;     /* [B,H] GRU: gradient into h' */
  float *carry_h = scratch + (size_t)3 * B * H; /* [B,H] masking: gradient passed over a skipped step */
  float *carry_c = scratch + (size_t)4 * B * H; /* [B,H] the same for the LSTM cell state */
  memset(dh, 0, sizeof(float) * B * H);
  memset(dc, 0, sizeof(float) * B * H);
  /* The weights transposed once, [GH,H] and [GH,D]: each step's dh = dz·Uᵀ and dx = dz·Wᵀ are then plain products. */
  float *ut = scratch + (size_t)5 * B * H, *wt = ut + (size_t)GH * H;
  transpose(H, GH, u, GH, ut);
  transpose(D, GH, w, GH, wt);

  for (int step = T - 1; step >= 0; step--) {
    const int t = pos(s, step);
    float *dzt = dz + row(s, 0, t) * GH; /* [B,GH] this step's */
    const mk_operand dz_rows = {dzt, GH, 1};
    add_output_grad(s, step, dy, dh);
    if (mask) {
      split_skipped(s, mask, t, dh, carry_h);
      if (s->cell == CELL_LSTM) split_skipped(s, mask, t, dc, carry_c);
    }
    if (s->cell == CELL_LSTM) {
      for (int b = 0; b < B; b++) {
        const float *cprev = step > 0 ? cs + row(s, b, pos(s, step - 1)) * H : NULL;
        lstm_backward_row(s->act, s->ract, gates + row(s, b, t) * GH, cs + row(s, b, t) * H, cprev, dh + (size_t)b * H,
                          dc + (size_t)b * H, dz + row(s, b, t) * GH, H);
      }
      if (step > 0) {
        mk_gemm(B, H, GH, dz_rows, ut, H, dh, H, 0, NULL);
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
        act_mul_derivative(s->act, z + 2 * H, d + 2 * H, H);
        act_mul_derivative(s->ract, z, d, H);
      }
      if (step > 0) {
        float *drh = dc;
        mk_gemm(B, H, H, (mk_operand){dzt + 2 * H, GH, 1}, ut + (size_t)2 * H * H, H, drh, H, 0, NULL);
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
          act_mul_derivative(s->ract, z + H, d + H, H);
        }
        mk_gemm(B, H, 2 * H, dz_rows, ut, H, dhp, H, 1, NULL);
        memcpy(dh, dhp, sizeof(float) * B * H);
        apply_rmask(s, rmask, dh);
      }
    } else {
      for (int b = 0; b < B; b++) {
        const float *hb = gates + row(s, b, t) * GH;
        float *d = dz + row(s, b, t) * GH;
        memcpy(d, dh + (size_t)b * H, sizeof(float) * H);
        act_mul_derivative(s->act, hb, d, H);
      }
      if (step > 0) {
        mk_gemm(B, H, GH, dz_rows, ut, H, dh, H, 0, NULL);
        apply_rmask(s, rmask, dh);
      }
    }
    step_gradients(s, step, t, x, hprev, rh, dzt, wt, dx, dw, du, db, embedded);
    if (mask) {
      add_carry(s, carry_h, dh);
      if (s->cell == CELL_LSTM) add_carry(s, carry_c, dc);
    }
  }
  if (embedded) {
    const float *sums = embedded->work;
    /* dW = rowsᵀ·sums, 64 ids at a time: each chunk of sums (32 KB for an LSTM of 32 units) is
       read from memory once and reused from cache by every block of dW. */
    for (int c0 = 0; c0 < embedded->count; c0 += 64) {
      const int k = embedded->count - c0 < 64 ? embedded->count - c0 : 64;
      mk_gemm(D, GH, k, (mk_operand){embedded->rows + (size_t)c0 * D, 1, D}, sums + (size_t)c0 * GH, GH, dw, GH, 1, NULL);
    }
    /* each row's gradient = sums·Wᵀ */
    mk_gemm(embedded->count, D, GH, (mk_operand){sums, GH, 1}, wt, D, embedded->drows, D, 0, NULL);
  }
}
