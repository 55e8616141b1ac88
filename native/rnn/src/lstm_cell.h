/*
 * One LSTM step's gate math for one row of the batch, forward and backward, fused: the four
 * gates, the cell state and the output for eight units at a time in one pass (AVX2 with FMA
 * where the CPU has it), instead of seven passes over the row with a call each. With the
 * products at the CPU's peak, these passes were a quarter of an LSTM step.
 * The formulas are tfjs's (kernels.h); a, r are the activation and recurrent activation.
 */
#ifndef TREINO_RNN_LSTM_CELL_H
#define TREINO_RNN_LSTM_CELL_H

/*
 * z [4H]: the gate pre-activations i, f, c~, o, activated in place. cprev [H] the previous
 * cell state, or NULL at the first step (zero). Writes c = f*cprev + i*a(c~) and h = o*a(c).
 */
void lstm_forward_row(int act, int ract, float *z, const float *cprev, float *c, float *h, int H);

/*
 * From the activated gates z [4H], the cell state c and cprev (NULL: zero), the gradient dh
 * into h and dc into c (updated in place to the gradient into cprev), writes d [4H], the
 * gradient of the gate pre-activations.
 */
void lstm_backward_row(int act, int ract, const float *z, const float *c, const float *cprev, const float *dh, float *dc,
                       float *d, int H);

#endif
