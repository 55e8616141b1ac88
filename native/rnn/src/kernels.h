/*
 * Fused recurrent layers (LSTM, GRU, SimpleRNN) over whole sequences, forward and
 * backward, with TensorFlow.js's exact formulas (tfjs-layers 4.22 recurrent.js):
 *   LSTM  gates i,f,c,o; c = f*c' + i*act(zc); h = o*act(c); recurrent dropout on h' in the
 *         matrix product only.
 *   GRU   reset before (resetAfter false), gates z,r,h; hh = act(xh + (r*h')·Uh);
 *         h = z*h' + (1-z)*hh; recurrent dropout replaces h' everywhere.
 *   RNN   h = act(x·W + b + h'·U).
 * The caller's arrays are float32, row-major, batch-major ([B, T, ...]). Per-step values
 * (gates, hprev, cs, rh, dz) are stored time-major ([T, B, ...]) at the input's time
 * position t: each step works on one contiguous block. Every product is a step's
 * (microkernel.h): the input's x_t·W with the recurrent h'·U forward, and backward the step's
 * share of dx, dW, dU and db while its dz is in cache, the batch-major x and dx read and
 * written in place. Large products over all B*T rows after the time loop, and the copies
 * between the two layouts they needed, cost more than they saved: operands packed at every
 * call, and data that had left the cache.
 */
#ifndef TREINO_RNN_KERNELS_H
#define TREINO_RNN_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "activations.h"

enum rnn_cell { CELL_LSTM = 0, CELL_GRU = 1, CELL_SIMPLE = 2 };

typedef struct {
  int cell, act, ract;
  int B, T, D, H;
  int go_backwards, return_sequences;
} rnn_shape;

/* Gates per cell: 4 (LSTM), 3 (GRU), 1 (SimpleRNN). */
int rnn_gate_count(int cell);

/*
 * An input that is an Embedding's rows, x[b,t] = table[id(b,t)], given by the distinct ids
 * instead of B*T rows (a batch of 64 reviews × 200 words reads a few thousand distinct words).
 * Forward, bias + row·W is computed once per distinct id and each step copies its rows' gates
 * from there, the same arithmetic as the step's product. Backward, each step's dz rows are
 * summed per distinct id instead of giving dx (B*T rows, which the Embedding would add up per
 * id anyway), and dW and the rows' gradient come from those sums after the time loop: two
 * products over the distinct ids where there were two over all B*T rows (the same sums, in
 * another order).
 */
typedef struct {
  const int32_t *slot; /* [B*T], batch-major: the distinct id that (b, t) read */
  int count;           /* distinct ids */
  const float *rows;   /* [count, D]: each distinct id's row of the table */
  float *work;         /* [count, G*H] workspace: forward bias + rows·W, backward each id's dz rows summed */
  float *drows;        /* [count, D] backward's output: the gradient of each of those rows (forward: unused) */
} rnn_embedded_input;

/*
 * Forward pass. Inputs: x [B,T,D], w [D,G*H], u [H,G*H], bias [G*H] or NULL,
 * rmask [B,H] (recurrent dropout, already scaled) or NULL, mask [B,T] (1 keeps a step, 0 skips
 * it: h and c carried over, as tfjs does for masked steps) or NULL.
 * Outputs: y [B,T,H] (return_sequences, in processing order) or [B,H].
 * Saved for backward: gates [T,B,G*H] (activated), hprev [T,B,H] (h' as used by the
 * products), cs [T,B,H] (LSTM cell states, else NULL), rh [T,B,H] (GRU r*h', else NULL).
 * With `embedded` (else NULL), x is not read (NULL).
 * scratch: (1 + B)*H floats.
 */
void rnn_forward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *bias,
                 const float *rmask, const float *mask, float *y, float *gates, float *hprev, float *cs, float *rh,
                 float *scratch, const rnn_embedded_input *embedded);

/*
 * Backward pass from dy (same shape as y). dz [T,B,G*H] is workspace (left holding the
 * gradient of the gate pre-activations). Outputs dx [B,T,D], dw, du, db (db may be NULL).
 * With `embedded` (else NULL), x and dx are not read nor written (NULL) and the input's
 * gradient is embedded->drows.
 * scratch: 5*B*H + G*H*(H + D) floats.
 */
void rnn_backward(const rnn_shape *s, const float *x, const float *w, const float *u, const float *rmask,
                  const float *mask, const float *dy, const float *gates, const float *hprev, const float *cs, const float *rh,
                  float *dz, float *dx, float *dw, float *du, float *db, float *scratch, const rnn_embedded_input *embedded);

#endif
