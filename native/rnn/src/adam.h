/*
 * One Adam step for one weight array, in one pass over memory, with the exact arithmetic of
 * TensorFlow.js 4.22's AdamOptimizer.applyGradients (tfjs-core optimizers/adam_optimizer.js):
 *   m'  = m*b1 + g*(1-b1)
 *   v'  = v*b2 + (g*g)*(1-b2)
 *   w'  = ((m'/(1-accB1)) / (sqrt(v'/(1-accB2)) + eps)) * (-lr) + w
 * every operation rounded to float32 in that order (tfjs runs each as its own float32 op;
 * the scalars lr, b1, b2, eps, 1-b1, 1-b2 are float32 tensors there too), never fused into
 * a multiply-add, so that the result is the same to the bit as tfjs's cpu backend's.
 * The outputs may be the inputs (each element is read before it is written).
 */
#ifndef TREINO_RNN_ADAM_H
#define TREINO_RNN_ADAM_H

#include <stddef.h>

typedef struct {
  float beta1, one_minus_beta1, beta2, one_minus_beta2;
  /* 1 - accBeta1 and 1 - accBeta2 (tfjs's bias corrections for this step). */
  float one_minus_acc_beta1, one_minus_acc_beta2;
  float epsilon, neg_lr;
} adam_coefficients;

/*
 * The coefficients from the optimizer's settings (JavaScript numbers) and its accumulated
 * powers accBeta1, accBeta2 (float32 values), rounded as tfjs rounds them.
 */
adam_coefficients adam_coefficients_for(double lr, double beta1, double beta2, double epsilon, float acc_beta1, float acc_beta2);

void adam_step(const adam_coefficients *c, size_t n, const float *w, const float *g, const float *m, const float *v, float *w_out,
               float *m_out, float *v_out);

/* Which path adam_step takes on this CPU: "avx2" or "scalar". */
const char *adam_vector_path(void);

#endif
