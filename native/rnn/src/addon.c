/*
 * Node-API binding: forward(meta, ...arrays) and backward(meta, ...arrays) on Float32Arrays
 * that JavaScript owns, forwardEmbedded and backwardEmbedded (the same for an input given as an
 * Embedding's ids and table), adam(...) (one Adam step for one weight array), and the
 * Embedding's embeddingGather and embeddingGradient. Every array's length is checked against the
 * shape, and every id against the table, before any kernel runs, so a wrong call is a
 * RangeError, never a stray write.
 */
#include <node_api.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adam.h"
#include "embedding.h"
#include "kernels.h"
#include "microkernel.h"

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "treino-rnn: Node-API call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

/* Whether `value` is a typed array of `kind`; its length and data when it is. */
static int typed_array(napi_env env, napi_value value, napi_typedarray_type kind, size_t *length, void **data) {
  bool is_typed = false;
  napi_typedarray_type actual;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  if (napi_get_typedarray_info(env, value, &actual, length, data, NULL, NULL) != napi_ok) return 0;
  return actual == kind;
}

/* Reads a Float32Array of exactly `expected` elements, or null when allowed. */
static int get_floats(napi_env env, napi_value value, size_t expected, int nullable, const char *name, float **out) {
  napi_valuetype type;
  *out = NULL;
  if (napi_typeof(env, value, &type) != napi_ok) return 0;
  if (type == napi_null || type == napi_undefined) {
    if (nullable) return 1;
    char msg[128];
    snprintf(msg, sizeof msg, "treino-rnn: %s is required", name);
    napi_throw_type_error(env, NULL, msg);
    return 0;
  }
  size_t length = 0;
  void *data = NULL;
  if (!typed_array(env, value, napi_float32_array, &length, &data)) {
    char msg[128];
    snprintf(msg, sizeof msg, "treino-rnn: %s must be a Float32Array", name);
    napi_throw_type_error(env, NULL, msg);
    return 0;
  }
  if (length != expected) {
    char msg[160];
    snprintf(msg, sizeof msg, "treino-rnn: %s has %zu values, expected %zu", name, length, expected);
    napi_throw_range_error(env, NULL, msg);
    return 0;
  }
  *out = (float *)data;
  return 1;
}

/*
 * The kernels' scratch memory, kept between calls (per Node environment, so worker threads
 * each have their own): allocating megabytes at every call costs page faults of the order
 * of the kernels themselves.
 */
typedef struct {
  float *data;
  size_t floats;
} scratch_buffer;

static void free_scratch(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  scratch_buffer *b = data;
  free(b->data);
  free(b);
}

/* At least `floats` floats of scratch, or NULL with a JS exception pending. */
static float *scratch(napi_env env, size_t floats) {
  scratch_buffer *b = NULL;
  if (napi_get_instance_data(env, (void **)&b) != napi_ok || !b) {
    napi_throw_error(env, NULL, "treino-rnn: no scratch buffer");
    return NULL;
  }
  if (b->floats < floats) {
    float *grown = realloc(b->data, sizeof(float) * floats + 64);
    if (!grown) {
      napi_throw_error(env, NULL, "treino-rnn: out of memory");
      return NULL;
    }
    b->data = grown;
    b->floats = floats;
  }
  return b->data;
}

static int get_shape(napi_env env, napi_value value, rnn_shape *s) {
  size_t length = 0;
  void *data = NULL;
  if (!typed_array(env, value, napi_int32_array, &length, &data) || length != 9) {
    napi_throw_type_error(env, NULL, "treino-rnn: meta must be an Int32Array of 9 values");
    return 0;
  }
  const int32_t *m = (const int32_t *)data;
  s->cell = m[0];
  s->act = m[1];
  s->ract = m[2];
  s->B = m[3];
  s->T = m[4];
  s->D = m[5];
  s->H = m[6];
  s->go_backwards = m[7] != 0;
  s->return_sequences = m[8] != 0;
  if (s->cell < CELL_LSTM || s->cell > CELL_SIMPLE || s->act < ACT_LINEAR || s->act > ACT_RELU ||
      s->ract < ACT_LINEAR || s->ract > ACT_RELU || s->B < 0 || s->T < 0 || s->D <= 0 || s->H <= 0) {
    napi_throw_range_error(env, NULL, "treino-rnn: invalid cell, activation or shape");
    return 0;
  }
  /* Every array size, hence every index, stays inside int range for the matrix routines
     (checked in double so that no product can wrap around). */
  const double rows = (double)s->B * s->T, gh = (double)rnn_gate_count(s->cell) * s->H;
  const double biggest = fmax(fmax(rows * s->D, rows * gh), fmax((double)s->D * gh, (double)s->H * gh));
  if (biggest > 2147483647.0) {
    napi_throw_range_error(env, NULL, "treino-rnn: tensors too large");
    return 0;
  }
  return 1;
}

/* Reads exactly `count` arguments; 0 (a JS exception pending) otherwise. */
static int read_args(napi_env env, napi_callback_info info, size_t count, napi_value *argv, const char *name) {
  size_t argc = count;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    napi_throw_error(env, NULL, "treino-rnn: Node-API call failed");
    return 0;
  }
  if (argc != count) {
    char msg[80];
    snprintf(msg, sizeof msg, "treino-rnn: %s takes %zu arguments", name, count);
    napi_throw_type_error(env, NULL, msg);
    return 0;
  }
  return 1;
}

/* Reads exactly `count` arguments, the first being the shape; 0 (a JS exception pending) otherwise. */
static int read_call(napi_env env, napi_callback_info info, size_t count, napi_value *argv, rnn_shape *s, const char *name) {
  return read_args(env, info, count, argv, name) && get_shape(env, argv[0], s);
}

/* A Float32Array argument of any length: its data and length, or 0 with a JS exception pending. */
static int any_floats(napi_env env, napi_value value, const char *name, float **data, size_t *length) {
  void *raw = NULL;
  if (!typed_array(env, value, napi_float32_array, length, &raw)) {
    char msg[128];
    snprintf(msg, sizeof msg, "treino-rnn: %s must be a Float32Array", name);
    napi_throw_type_error(env, NULL, msg);
    return 0;
  }
  *data = (float *)raw;
  return 1;
}

static void throw_bad_id(napi_env env, const float *ids, long bad, size_t vocab) {
  char msg[160];
  snprintf(msg, sizeof msg, "treino-rnn: id %g at %ld is outside the table's %zu rows", (double)ids[bad], bad, vocab);
  napi_throw_range_error(env, NULL, msg);
}

/*
 * An Embedding's rows as a layer's input (forwardEmbedded, backwardEmbedded): ids [B,T] into
 * `table` (rows of D), made into the kernels' rnn_embedded_input in the scratch buffer after the
 * kernel's own `kernel_floats`: the distinct ids' rows, the kernels' workspace, the rows'
 * gradients, then the ids' slots. 0 with a JS exception pending (an id out of range is a
 * RangeError naming its position).
 */
typedef struct {
  rnn_embedded_input input;
  const int32_t *id_of_slot;
  size_t table_length;
} embedded_rows;

static int embedded_input(napi_env env, const rnn_shape *s, napi_value ids_value, napi_value table_value, size_t kernel_floats,
                          float **work, embedded_rows *out) {
  const size_t n = (size_t)s->B * s->T, D = s->D, GH = (size_t)rnn_gate_count(s->cell) * s->H;
  float *ids, *table;
  if (!get_floats(env, ids_value, n, 0, "ids", &ids) || !any_floats(env, table_value, "table", &table, &out->table_length)) return 0;
  if (out->table_length == 0 || out->table_length % D != 0) {
    napi_throw_range_error(env, NULL, "treino-rnn: the table does not hold rows of the input's features");
    return 0;
  }
  const size_t vocab = out->table_length / D, most = n < vocab ? n : vocab;
  *work = scratch(env, kernel_floats + most * (2 * D + GH) + n + vocab + most);
  if (!*work) return 0;
  float *rows = *work + kernel_floats, *ws = rows + most * D, *drows = ws + most * GH;
  int32_t *slot = (int32_t *)(drows + most * D), *slot_of_id = slot + n, *id_of_slot = slot_of_id + vocab;
  size_t count = 0;
  const long bad = embedding_distinct(ids, n, vocab, slot_of_id, slot, id_of_slot, &count);
  if (bad >= 0) {
    throw_bad_id(env, ids, bad, vocab);
    return 0;
  }
  for (size_t c = 0; c < count; c++) memcpy(rows + c * D, table + (size_t)id_of_slot[c] * D, sizeof(float) * D);
  out->input = (rnn_embedded_input){slot, (int)count, rows, ws, drows};
  out->id_of_slot = id_of_slot;
  return 1;
}

/*
 * forward(meta, x, kernel, recurrentKernel, bias, recurrentMask, mask, output, gates, hprev,
 * cellStates, resetHidden), and forwardEmbedded(meta, ids, table, kernel, ...): the same with
 * the input given as an Embedding's rows (kernels.h, rnn_embedded_input).
 */
static napi_value forward_call(napi_env env, napi_callback_info info, int embedded) {
  napi_value argv[13];
  rnn_shape s;
  const int o = embedded ? 1 : 0; /* the arguments after the input move by one */
  if (!read_call(env, info, 12 + o, argv, &s, embedded ? "forwardEmbedded" : "forward")) return NULL;
  const size_t G = rnn_gate_count(s.cell), n = (size_t)s.B * s.T, H = s.H, GH = G * H;
  float *x = NULL, *w, *u, *bias, *rmask, *mask, *y, *gates, *hprev, *cs, *rh;
  if ((!embedded && !get_floats(env, argv[1], n * s.D, 0, "x", &x)) || !get_floats(env, argv[2 + o], (size_t)s.D * GH, 0, "kernel", &w) ||
      !get_floats(env, argv[3 + o], H * GH, 0, "recurrentKernel", &u) || !get_floats(env, argv[4 + o], GH, 1, "bias", &bias) ||
      !get_floats(env, argv[5 + o], (size_t)s.B * H, 1, "recurrentMask", &rmask) ||
      !get_floats(env, argv[6 + o], n, 1, "mask", &mask) ||
      !get_floats(env, argv[7 + o], (s.return_sequences ? n : (size_t)s.B) * H, 0, "output", &y) ||
      !get_floats(env, argv[8 + o], n * GH, 0, "gates", &gates) || !get_floats(env, argv[9 + o], n * H, 0, "hprev", &hprev) ||
      !get_floats(env, argv[10 + o], n * H, s.cell != CELL_LSTM, "cellStates", &cs) ||
      !get_floats(env, argv[11 + o], n * H, s.cell != CELL_GRU, "resetHidden", &rh)) {
    return NULL;
  }
  const size_t kernel_floats = (1 + (size_t)s.B) * H;
  float *work = NULL;
  embedded_rows rows;
  if (embedded ? !embedded_input(env, &s, argv[1], argv[2], kernel_floats, &work, &rows) : !(work = scratch(env, kernel_floats))) return NULL;
  rnn_forward(&s, x, w, u, bias, rmask, mask, y, gates, hprev, cs, rh, work, embedded ? &rows.input : NULL);
  return NULL;
}

/*
 * backward(meta, x, kernel, recurrentKernel, recurrentMask, mask, dy, gates, hprev, cellStates,
 * resetHidden, dz, dx, dKernel, dRecurrentKernel, dBias), and backwardEmbedded(meta, ids, table,
 * kernel, ..., dz, dTable, dKernel, dRecurrentKernel, dBias): for an input given as an
 * Embedding's rows, the same weight gradients and, in place of dx, the table's whole gradient
 * (embeddingGradient's: zeroed, then each distinct id's row) from the dz rows summed per id.
 */
static napi_value backward_call(napi_env env, napi_callback_info info, int embedded) {
  napi_value argv[17];
  rnn_shape s;
  const int o = embedded ? 1 : 0;
  if (!read_call(env, info, 16 + o, argv, &s, embedded ? "backwardEmbedded" : "backward")) return NULL;
  const size_t G = rnn_gate_count(s.cell), n = (size_t)s.B * s.T, H = s.H, GH = G * H;
  float *x = NULL, *w, *u, *rmask, *mask, *dy, *gates, *hprev, *cs, *rh, *dz, *dx = NULL, *dw, *du, *db;
  if ((!embedded && !get_floats(env, argv[1], n * s.D, 0, "x", &x)) || !get_floats(env, argv[2 + o], (size_t)s.D * GH, 0, "kernel", &w) ||
      !get_floats(env, argv[3 + o], H * GH, 0, "recurrentKernel", &u) ||
      !get_floats(env, argv[4 + o], (size_t)s.B * H, 1, "recurrentMask", &rmask) ||
      !get_floats(env, argv[5 + o], n, 1, "mask", &mask) ||
      !get_floats(env, argv[6 + o], (s.return_sequences ? n : (size_t)s.B) * H, 0, "dy", &dy) ||
      !get_floats(env, argv[7 + o], n * GH, 0, "gates", &gates) || !get_floats(env, argv[8 + o], n * H, 0, "hprev", &hprev) ||
      !get_floats(env, argv[9 + o], n * H, s.cell != CELL_LSTM, "cellStates", &cs) ||
      !get_floats(env, argv[10 + o], n * H, s.cell != CELL_GRU, "resetHidden", &rh) ||
      !get_floats(env, argv[11 + o], n * GH, 0, "dz", &dz) || (!embedded && !get_floats(env, argv[12], n * s.D, 0, "dx", &dx)) ||
      !get_floats(env, argv[13 + o], (size_t)s.D * GH, 0, "dKernel", &dw) ||
      !get_floats(env, argv[14 + o], H * GH, 0, "dRecurrentKernel", &du) || !get_floats(env, argv[15 + o], GH, 1, "dBias", &db)) {
    return NULL;
  }
  const size_t kernel_floats = 5 * (size_t)s.B * H + GH * (H + s.D);
  float *work = NULL;
  embedded_rows rows;
  if (embedded ? !embedded_input(env, &s, argv[1], argv[2], kernel_floats, &work, &rows) : !(work = scratch(env, kernel_floats))) return NULL;
  float *dtable = NULL;
  if (embedded && !get_floats(env, argv[13], rows.table_length, 0, "dTable", &dtable)) return NULL;
  rnn_backward(&s, x, w, u, rmask, mask, dy, gates, hprev, cs, rh, dz, dx, dw, du, db, work, embedded ? &rows.input : NULL);
  if (embedded) {
    const size_t D = s.D;
    memset(dtable, 0, sizeof(float) * rows.table_length);
    for (int c = 0; c < rows.input.count; c++) memcpy(dtable + (size_t)rows.id_of_slot[c] * D, rows.input.drows + c * D, sizeof(float) * D);
  }
  return NULL;
}

static napi_value forward(napi_env env, napi_callback_info info) { return forward_call(env, info, 0); }
static napi_value forward_embedded(napi_env env, napi_callback_info info) { return forward_call(env, info, 1); }
static napi_value backward(napi_env env, napi_callback_info info) { return backward_call(env, info, 0); }
static napi_value backward_embedded(napi_env env, napi_callback_info info) { return backward_call(env, info, 1); }

/*
 * adam(w, g, m, v, wOut, mOut, vOut, lr, beta1, beta2, epsilon, accBeta1, accBeta2): one
 * Adam step over one weight array (adam.h). All seven arrays have the weight's length; the
 * outputs may be the inputs themselves (in place).
 */
static napi_value adam(napi_env env, napi_callback_info info) {
  napi_value argv[13];
  if (!read_args(env, info, 13, argv, "adam")) return NULL;
  size_t n = 0;
  void *data = NULL;
  if (!typed_array(env, argv[0], napi_float32_array, &n, &data)) {
    napi_throw_type_error(env, NULL, "treino-rnn: w must be a Float32Array");
    return NULL;
  }
  float *w, *g, *m, *v, *w_out, *m_out, *v_out;
  if (!get_floats(env, argv[0], n, 0, "w", &w) || !get_floats(env, argv[1], n, 0, "g", &g) ||
      !get_floats(env, argv[2], n, 0, "m", &m) || !get_floats(env, argv[3], n, 0, "v", &v) ||
      !get_floats(env, argv[4], n, 0, "wOut", &w_out) || !get_floats(env, argv[5], n, 0, "mOut", &m_out) ||
      !get_floats(env, argv[6], n, 0, "vOut", &v_out)) {
    return NULL;
  }
  double s[6];
  for (int i = 0; i < 6; i++) {
    if (napi_get_value_double(env, argv[7 + i], &s[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "treino-rnn: adam's lr, beta1, beta2, epsilon, accBeta1, accBeta2 must be numbers");
      return NULL;
    }
  }
  const adam_coefficients c = adam_coefficients_for(s[0], s[1], s[2], s[3], (float)s[4], (float)s[5]);
  adam_step(&c, n, w, g, m, v, w_out, m_out, v_out);
  return NULL;
}


/*
 * embeddingGather(table, dim, ids, out) and embeddingGradient(grad, dim, ids, dOut) (embedding.h):
 * the table (or its gradient) holds whole rows of `dim`, out (dOut) one row per id. An id out
 * of range is a RangeError naming its position.
 */
static napi_value embedding_call(napi_env env, napi_callback_info info, int gradient) {
  napi_value argv[4];
  if (!read_args(env, info, 4, argv, gradient ? "embeddingGradient" : "embeddingGather")) return NULL;
  int32_t dim = 0;
  if (napi_get_value_int32(env, argv[1], &dim) != napi_ok || dim <= 0) {
    napi_throw_range_error(env, NULL, "treino-rnn: dim must be a positive integer");
    return NULL;
  }
  float *table, *ids, *rows;
  size_t table_length, ids_length, rows_length;
  if (!any_floats(env, argv[0], gradient ? "grad" : "table", &table, &table_length) || !any_floats(env, argv[2], "ids", &ids, &ids_length) ||
      !any_floats(env, argv[3], gradient ? "dOut" : "out", &rows, &rows_length)) {
    return NULL;
  }
  if (table_length % (size_t)dim != 0 || rows_length != ids_length * (size_t)dim) {
    napi_throw_range_error(env, NULL, "treino-rnn: the table or the rows do not match dim and the ids");
    return NULL;
  }
  const size_t vocab = table_length / (size_t)dim;
  const long bad = gradient ? embedding_gradient(table, vocab, (size_t)dim, ids, ids_length, rows)
                            : embedding_gather(table, vocab, (size_t)dim, ids, ids_length, rows);
  if (bad >= 0) throw_bad_id(env, ids, bad, vocab);
  return NULL;
}

static napi_value embedding_gather_call(napi_env env, napi_callback_info info) { return embedding_call(env, info, 0); }
static napi_value embedding_gradient_call(napi_env env, napi_callback_info info) { return embedding_call(env, info, 1); }

static napi_value init(napi_env env, napi_value exports) {
  scratch_buffer *buffer = calloc(1, sizeof *buffer);
  if (!buffer) {
    napi_throw_error(env, NULL, "treino-rnn: out of memory");
    return NULL;
  }
  CHECK(napi_set_instance_data(env, buffer, free_scratch, NULL));
  napi_value fn, lib;
  CHECK(napi_create_function(env, "forward", NAPI_AUTO_LENGTH, forward, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "forward", fn));
  CHECK(napi_create_function(env, "backward", NAPI_AUTO_LENGTH, backward, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "backward", fn));
  CHECK(napi_create_function(env, "forwardEmbedded", NAPI_AUTO_LENGTH, forward_embedded, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "forwardEmbedded", fn));
  CHECK(napi_create_function(env, "backwardEmbedded", NAPI_AUTO_LENGTH, backward_embedded, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "backwardEmbedded", fn));
  CHECK(napi_create_function(env, "adam", NAPI_AUTO_LENGTH, adam, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "adam", fn));
  CHECK(napi_create_function(env, "embeddingGather", NAPI_AUTO_LENGTH, embedding_gather_call, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "embeddingGather", fn));
  CHECK(napi_create_function(env, "embeddingGradient", NAPI_AUTO_LENGTH, embedding_gradient_call, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "embeddingGradient", fn));
  CHECK(napi_create_string_utf8(env, adam_vector_path(), NAPI_AUTO_LENGTH, &lib));
  CHECK(napi_set_named_property(env, exports, "adamPath", lib));
  /* What grades, as the result records it: the kernels' own products, vectorised or not (no BLAS behind them). */
  CHECK(napi_create_string_utf8(env, small_gemm_path(), NAPI_AUTO_LENGTH, &lib));
  CHECK(napi_set_named_property(env, exports, "stepProductPath", lib));
  CHECK(napi_set_named_property(env, exports, "library", lib));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
