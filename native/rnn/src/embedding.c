#include "embedding.h"

#include <string.h>

static long id_at(const float *ids, size_t k, size_t vocab) {
  const float v = ids[k];
  if (!(v >= 0.0f) || v >= (float)vocab) return -1;
  return (long)v;
}

long embedding_gather(const float *table, size_t vocab, size_t dim, const float *ids, size_t count, float *out) {
  for (size_t k = 0; k < count; k++) {
    const long id = id_at(ids, k, vocab);
    if (id < 0) return (long)k;
    memcpy(out + k * dim, table + (size_t)id * dim, sizeof(float) * dim);
  }
  return -1;
}

long embedding_distinct(const float *ids, size_t count, size_t vocab, int32_t *slot_of_id, int32_t *slot, int32_t *id_of_slot,
                        size_t *distinct) {
  for (size_t v = 0; v < vocab; v++) slot_of_id[v] = -1;
  size_t n = 0;
  for (size_t k = 0; k < count; k++) {
    const long id = id_at(ids, k, vocab);
    if (id < 0) return (long)k;
    if (slot_of_id[id] < 0) {
      slot_of_id[id] = (int32_t)n;
      id_of_slot[n++] = (int32_t)id;
    }
    slot[k] = slot_of_id[id];
  }
  *distinct = n;
  return -1;
}

long embedding_gradient(float *grad, size_t vocab, size_t dim, const float *ids, size_t count, const float *d_out) {
  memset(grad, 0, sizeof(float) * vocab * dim);
  for (size_t k = 0; k < count; k++) {
    const long id = id_at(ids, k, vocab);
    if (id < 0) return (long)k;
    float *g = grad + (size_t)id * dim;
    const float *d = d_out + k * dim;
    for (size_t j = 0; j < dim; j++) g[j] += d[j];
  }
  return -1;
}
