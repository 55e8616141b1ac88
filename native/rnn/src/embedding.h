#ifndef TREINO_EMBEDDING_H
#define TREINO_EMBEDDING_H

#include <stddef.h>
#include <stdint.h>

/*
 * An Embedding layer's two passes for the grader's training loop (grader/recurrent/native-fit.ts):
 * out[k] = table[ids[k]] row by row, and the table's gradient (zeroed, then every row's
 * gradient added at its id: tfjs's gather gradient, UnsortedSegmentSum, as a dense table).
 * Ids arrive as floats (the model's input); the caller has checked they are whole numbers
 * below `vocab`. Both return the position of the first id out of range, or -1.
 */
long embedding_gather(const float *table, size_t vocab, size_t dim, const float *ids, size_t count, float *out);
long embedding_gradient(float *grad, size_t vocab, size_t dim, const float *ids, size_t count, const float *d_out);

/*
 * The distinct ids among `count`, in order of first appearance: slot[k] is the position of
 * ids[k] among them, id_of_slot[c] the id at position c, *distinct how many. slot_of_id is
 * `vocab` ints of workspace. The position of the first id out of range, or -1.
 */
long embedding_distinct(const float *ids, size_t count, size_t vocab, int32_t *slot_of_id, int32_t *slot, int32_t *id_of_slot,
                        size_t *distinct);

#endif
