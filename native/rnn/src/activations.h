/*
 * The activations of the fused kernels over a run of values, in place, and their
 * derivatives. On x86-64 with AVX2 and FMA the exponential-based ones (sigmoid, tanh) run
 * eight lanes at a time through explicit intrinsics, chosen once at load: left to the
 * compiler, their clamps turned into branches and the loops stayed scalar, and they took
 * three quarters of an LSTM step.
 */
#ifndef TREINO_RNN_ACTIVATIONS_H
#define TREINO_RNN_ACTIVATIONS_H

enum rnn_act { ACT_LINEAR = 0, ACT_TANH = 1, ACT_SIGMOID = 2, ACT_HARD_SIGMOID = 3, ACT_RELU = 4 };

/* v = act(v) over n values. */
void act_apply(int act, float *v, int n);

/* g *= act'(x) over n values, written in terms of y = act(x), which the forward pass kept. */
void act_mul_derivative(int act, const float *y, float *g, int n);

/*
 * Whether the recurrent kernels take their AVX2 paths (activations, the LSTM's gate math, the
 * products): the CPU has AVX2 and FMA, and TREINO_RNN_NO_AVX2 is not 1 (tests compare the two
 * paths in child processes). Checked once per process.
 */
int vector_math_available(void);

#endif
