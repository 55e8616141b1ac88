/**
 * The fused recurrent kernels in plain TypeScript, for where the addon cannot go: the browser's
 * practice run (grader/practice), whose worker has no native code. The same calls and the same
 * arithmetic as native/rnn (kernels.c, lstm_cell.c, adam.c, embedding.c), the gate math a
 * line-for-line port over Float32Arrays, so the grader's own training loop (native-fit.ts) runs
 * there too: a whole batch in a few loops instead of the ~900 small TensorFlow.js operations a
 * 20-step LSTM costs per batch. Per-step arrays are time-major as in C; the caller's arrays
 * batch-major as in tfjs. The products take the one form V8 runs fast (gemmBt), so the weight
 * and input gradients are whole products after the time loop here, where the C adds each
 * step's share while it is in cache: the sums run in another order, to float32's rounding.
 */
import type { RnnKernels } from "./native-kernels";

const LSTM = 0, GRU = 1;
// Activations by the addon's numbers (0 is linear: nothing to do).
const TANH = 1, SIGMOID = 2, HARD_SIGMOID = 3, RELU = 4;

interface Shape {
  cell: number;
  act: number;
  ract: number;
  B: number;
  T: number;
  D: number;
  H: number;
  back: boolean;
  seq: boolean;
}

function shapeOf(meta: Int32Array): Shape {
  if (meta.length !== 9) throw new TypeError("treino-rnn (js): meta must be an Int32Array of 9 values");
  const s = { cell: meta[0], act: meta[1], ract: meta[2], B: meta[3], T: meta[4], D: meta[5], H: meta[6], back: meta[7] !== 0, seq: meta[8] !== 0 };
  if (s.cell < 0 || s.cell > 2 || s.act < 0 || s.act > 4 || s.ract < 0 || s.ract > 4 || s.B < 0 || s.T < 0 || s.D <= 0 || s.H <= 0) {
    throw new RangeError("treino-rnn (js): invalid cell, activation or shape");
  }
  return s;
}

const gatesOf = (cell: number) => (cell === LSTM ? 4 : cell === GRU ? 3 : 1);

function check(name: string, a: Float32Array | null, expected: number, nullable = false): void {
  if (a == null) {
    if (!nullable) throw new TypeError(`treino-rnn (js): ${name} is required`);
    return;
  }
  if (a.length !== expected) throw new RangeError(`treino-rnn (js): ${name} has ${a.length} values, expected ${expected}`);
}

function actApply(act: number, v: Float32Array, off: number, n: number): void {
  const end = off + n;
  // One loop per activation: no branch on the kind inside the loop.
  if (act === TANH) for (let j = off; j < end; j++) v[j] = Math.tanh(v[j]);
  else if (act === SIGMOID) for (let j = off; j < end; j++) v[j] = 1 / (1 + Math.exp(-v[j]));
  else if (act === HARD_SIGMOID) {
    for (let j = off; j < end; j++) {
      const y = Math.fround(0.5 + Math.fround(0.2 * v[j]));
      v[j] = y < 0 ? 0 : y > 1 ? 1 : y;
    }
  } else if (act === RELU) for (let j = off; j < end; j++) v[j] = v[j] > 0 ? v[j] : 0;
}

/** g *= f'(x), written from f's output y (as the C does). */
function actMulDerivative(act: number, y: Float32Array, yOff: number, g: Float32Array, gOff: number, n: number): void {
  if (act === TANH) for (let j = 0; j < n; j++) g[gOff + j] *= 1 - y[yOff + j] * y[yOff + j];
  else if (act === SIGMOID) for (let j = 0; j < n; j++) g[gOff + j] *= y[yOff + j] * (1 - y[yOff + j]);
  else if (act === HARD_SIGMOID) for (let j = 0; j < n; j++) g[gOff + j] = y[yOff + j] > 0 && y[yOff + j] < 1 ? 0.2 * g[gOff + j] : 0;
  else if (act === RELU) for (let j = 0; j < n; j++) g[gOff + j] = y[yOff + j] > 0 ? g[gOff + j] : 0;
}

/**
 * c[m×n] (+)= a[m×k]·bt[n×k]ᵀ, row-major, at offsets: every product here in one form, whose
 * inner loop runs along both operands' rows. Blocks of 2 rows × 4 columns keep eight sums in
 * registers (measured in V8 at the sine step's shape: 1.25 GMAC/s against 0.28 for the plain
 * i-p-j loop nest).
 */
function gemmBt(m: number, n: number, k: number, a: Float32Array, ao: number, lda: number, bt: Float32Array, bo: number, ldb: number, accumulate: boolean, c: Float32Array, co: number, ldc: number): void {
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = ao + i * lda, a1 = a0 + lda, c0 = co + i * ldc, c1 = c0 + ldc;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = bo + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p], x1 = a[a1 + p], y0 = bt[b0 + p], y1 = bt[b1 + p], y2 = bt[b2 + p], y3 = bt[b3 + p];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      if (accumulate) {
        c[c0 + j] += s00; c[c0 + j + 1] += s01; c[c0 + j + 2] += s02; c[c0 + j + 3] += s03;
        c[c1 + j] += s10; c[c1 + j + 1] += s11; c[c1 + j + 2] += s12; c[c1 + j + 3] += s13;
      } else {
        c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
        c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
      }
    }
    for (; j < n; j++) {
      const bj = bo + j * ldb;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) {
        const y = bt[bj + p];
        s0 += a[a0 + p] * y;
        s1 += a[a1 + p] * y;
      }
      c[c0 + j] = accumulate ? c[c0 + j] + s0 : s0;
      c[c1 + j] = accumulate ? c[c1 + j] + s1 : s1;
    }
  }
  for (; i < m; i++) {
    const ai = ao + i * lda, ci = co + i * ldc;
    for (let j = 0; j < n; j++) {
      const bj = bo + j * ldb;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[ai + p] * bt[bj + p];
      c[ci + j] = accumulate ? c[ci + j] + sum : sum;
    }
  }
}

/** dst[cols×rows] = src[rows×cols]ᵀ (src at an offset, leading dimension lds). */
function transpose(rows: number, cols: number, src: Float32Array, so: number, lds: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) dst[q * rows + r] = src[so + r * lds + q];
}

/** Reused scratch arrays, by purpose (a worker runs one call at a time): no allocation per batch. */
const pool = new Map<string, Float32Array>();
function scratch(name: string, size: number): Float32Array {
  let a = pool.get(name);
  if (!a || a.length < size) pool.set(name, (a = new Float32Array(size)));
  return a;
}

/**
 * What forward and backward share: the shape, the arrays both take checked against it, and
 * the indexing (processing step to time, time-major rows, masked steps).
 */
function prepare(
  meta: Int32Array, x: Float32Array, w: Float32Array, u: Float32Array, rmask: Float32Array | null, mask: Float32Array | null,
  gates: Float32Array, hprev: Float32Array, cs: Float32Array | null, rh: Float32Array | null,
) {
  const s = shapeOf(meta);
  const { B, T, D, H } = s, GH = gatesOf(s.cell) * H, n = B * T;
  check("x", x, n * D);
  check("kernel", w, D * GH);
  check("recurrentKernel", u, H * GH);
  check("recurrentMask", rmask, B * H, true);
  check("mask", mask, n, true);
  check("gates", gates, n * GH);
  check("hprev", hprev, n * H);
  check("cellStates", cs, n * H, s.cell !== LSTM);
  check("resetHidden", rh, n * H, s.cell !== GRU);
  return {
    s, B, T, D, H, GH, n,
    /** The input time read at processing step `step`. */
    pos: (step: number) => (s.back ? T - 1 - step : step),
    /** Row of (b, t) in the per-step arrays: time-major. */
    row: (b: number, t: number) => t * B + b,
    skipped: (b: number, t: number) => mask !== null && mask[b * T + t] === 0,
  };
}

function forward(
  meta: Int32Array, x: Float32Array, w: Float32Array, u: Float32Array, bias: Float32Array | null, rmask: Float32Array | null, mask: Float32Array | null,
  y: Float32Array, gates: Float32Array, hprev: Float32Array, cs: Float32Array | null, rh: Float32Array | null,
): void {
  const { s, B, T, D, H, GH, n, pos, row, skipped } = prepare(meta, x, w, u, rmask, mask, gates, hprev, cs, rh);
  check("bias", bias, GH, true);
  check("output", y, (s.seq ? n : B) * H);
  if (n === 0) return;
  // gates = x·w + bias for every (b, t): per sequence, its T batch-major rows into their
  // time-major places (a row stride of B rows).
  const wt = scratch("wt", GH * D);
  transpose(D, GH, w, 0, GH, wt);
  for (let b = 0; b < B; b++) gemmBt(T, GH, D, x, b * T * D, D, wt, 0, D, false, gates, b * GH, B * GH);
  if (bias) for (let r = 0; r < n; r++) for (let j = 0; j < GH; j++) gates[r * GH + j] += bias[j];
  for (let b = 0; b < B; b++) hprev.fill(0, row(b, pos(0)) * H, row(b, pos(0)) * H + H);
  const state = new Float32Array(B * H), h = new Float32Array(H), tmp = new Float32Array(H);
  // Uᵀ [GH,H] once: each step's C += h'·U is then the row-by-row form gemmBt runs fastest.
  const ut = scratch("ut", GH * H);
  transpose(H, GH, u, 0, GH, ut);
  /** Ends step `step` of sequence b: h (or the previous h where masked) is the state, the output and the next h'. */
  const finish = (step: number, b: number, hnew: Float32Array, hOff: number) => {
    const hs = b * H;
    if (!skipped(b, pos(step))) for (let j = 0; j < H; j++) state[hs + j] = hnew[hOff + j];
    if (s.seq) y.set(state.subarray(hs, hs + H), (b * T + step) * H);
    else if (step === T - 1) y.set(state.subarray(hs, hs + H), b * H);
    if (step + 1 < T) {
      const dst = row(b, pos(step + 1)) * H;
      for (let j = 0; j < H; j++) hprev[dst + j] = rmask ? state[hs + j] * rmask[hs + j] : state[hs + j];
    }
  };
  for (let step = 0; step < T; step++) {
    const t = pos(step);
    const zt = row(0, t) * GH, hpt = row(0, t) * H;
    if (s.cell === LSTM) {
      if (step > 0) gemmBt(B, GH, H, hprev, hpt, H, ut, 0, H, true, gates, zt, GH);
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH;
        actApply(s.ract, gates, z, H);
        actApply(s.ract, gates, z + H, H);
        actApply(s.act, gates, z + 2 * H, H);
        actApply(s.ract, gates, z + 3 * H, H);
        const c = row(b, t) * H, cprev = step > 0 ? row(b, pos(step - 1)) * H : -1;
        for (let j = 0; j < H; j++) cs![c + j] = (cprev >= 0 ? gates[z + H + j] * cs![cprev + j] : 0) + gates[z + j] * gates[z + 2 * H + j];
        for (let j = 0; j < H; j++) tmp[j] = cs![c + j];
        actApply(s.act, tmp, 0, H);
        for (let j = 0; j < H; j++) h[j] = gates[z + 3 * H + j] * tmp[j];
        if (skipped(b, t)) for (let j = 0; j < H; j++) cs![c + j] = cprev >= 0 ? cs![cprev + j] : 0;
        finish(step, b, h, 0);
      }
    } else if (s.cell === GRU) {
      if (step > 0) gemmBt(B, 2 * H, H, hprev, hpt, H, ut, 0, H, true, gates, zt, GH);
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH, hp = row(b, t) * H;
        actApply(s.ract, gates, z, 2 * H);
        for (let j = 0; j < H; j++) rh![hp + j] = gates[z + H + j] * hprev[hp + j];
      }
      if (step > 0) gemmBt(B, H, H, rh!, hpt, H, ut, 2 * H * H, H, true, gates, zt + 2 * H, GH);
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH, hp = row(b, t) * H;
        actApply(s.act, gates, z + 2 * H, H);
        for (let j = 0; j < H; j++) h[j] = gates[z + j] * hprev[hp + j] + (1 - gates[z + j]) * gates[z + 2 * H + j];
        finish(step, b, h, 0);
      }
    } else {
      if (step > 0) gemmBt(B, H, H, hprev, hpt, H, ut, 0, H, true, gates, zt, GH);
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH;
        actApply(s.act, gates, z, H);
        finish(step, b, gates, z);
      }
    }
  }
}

function backward(
  meta: Int32Array, x: Float32Array, w: Float32Array, u: Float32Array, rmask: Float32Array | null, mask: Float32Array | null, dy: Float32Array,
  gates: Float32Array, hprev: Float32Array, cs: Float32Array | null, rh: Float32Array | null,
  dz: Float32Array, dx: Float32Array, dw: Float32Array, du: Float32Array, db: Float32Array | null,
): void {
  const { s, B, T, D, H, GH, n, pos, row, skipped } = prepare(meta, x, w, u, rmask, mask, gates, hprev, cs, rh);
  check("dy", dy, (s.seq ? n : B) * H);
  check("dz", dz, n * GH);
  check("dx", dx, n * D);
  check("dKernel", dw, D * GH);
  check("dRecurrentKernel", du, H * GH);
  check("dBias", db, GH, true);
  dx.fill(0);
  dw.fill(0);
  du.fill(0);
  db?.fill(0);
  if (n === 0) return;
  const dh = new Float32Array(B * H), dc = new Float32Array(B * H), tmp = new Float32Array(B * H), tmp2 = new Float32Array(B * H);
  const carryH = new Float32Array(B * H), carryC = new Float32Array(B * H);
  /** Where the mask skips a step, its gradient goes straight to the previous step and none to its gates. */
  const splitSkipped = (t: number, d: Float32Array, carry: Float32Array) => {
    for (let b = 0; b < B; b++) {
      const o = b * H;
      if (skipped(b, t)) {
        carry.set(d.subarray(o, o + H), o);
        d.fill(0, o, o + H);
      } else carry.fill(0, o, o + H);
    }
  };
  const applyRmask = (d: Float32Array) => {
    if (rmask) for (let i = 0; i < B * H; i++) d[i] *= rmask[i];
  };
  for (let step = T - 1; step >= 0; step--) {
    const t = pos(step);
    if (s.seq || step === T - 1) {
      for (let b = 0; b < B; b++) {
        const src = s.seq ? (b * T + step) * H : b * H;
        for (let j = 0; j < H; j++) dh[b * H + j] += dy[src + j];
      }
    }
    if (mask) {
      splitSkipped(t, dh, carryH);
      if (s.cell === LSTM) splitSkipped(t, dc, carryC);
    }
    const zt = row(0, t) * GH;
    if (s.cell === LSTM) {
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH, c = row(b, t) * H, cprev = step > 0 ? row(b, pos(step - 1)) * H : -1;
        const d = z, o = b * H;
        for (let j = 0; j < H; j++) tmp[o + j] = cs![c + j];
        actApply(s.act, tmp, o, H);
        for (let j = 0; j < H; j++) {
          dz[d + 3 * H + j] = dh[o + j] * tmp[o + j];
          tmp2[o + j] = dh[o + j] * gates[z + 3 * H + j];
        }
        actMulDerivative(s.act, tmp, o, tmp2, o, H);
        for (let j = 0; j < H; j++) {
          const dcj = dc[o + j] + tmp2[o + j];
          dz[d + j] = dcj * gates[z + 2 * H + j];
          dz[d + H + j] = cprev >= 0 ? dcj * cs![cprev + j] : 0;
          dz[d + 2 * H + j] = dcj * gates[z + j];
          dc[o + j] = dcj * gates[z + H + j];
        }
        actMulDerivative(s.ract, gates, z, dz, d, H);
        actMulDerivative(s.ract, gates, z + H, dz, d + H, H);
        actMulDerivative(s.act, gates, z + 2 * H, dz, d + 2 * H, H);
        actMulDerivative(s.ract, gates, z + 3 * H, dz, d + 3 * H, H);
      }
      if (step > 0) {
        gemmBt(B, H, GH, dz, zt, GH, u, 0, GH, false, dh, 0, H);
        applyRmask(dh);
      }
    } else if (s.cell === GRU) {
      const dhp = tmp;
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH, hp = row(b, t) * H, o = b * H;
        for (let j = 0; j < H; j++) {
          dz[z + 2 * H + j] = dh[o + j] * (1 - gates[z + j]);
          dz[z + j] = dh[o + j] * (hprev[hp + j] - gates[z + 2 * H + j]);
          dhp[o + j] = dh[o + j] * gates[z + j];
          dz[z + H + j] = 0;
        }
        actMulDerivative(s.act, gates, z + 2 * H, dz, z + 2 * H, H);
        actMulDerivative(s.ract, gates, z, dz, z, H);
      }
      if (step > 0) {
        const drh = dc;
        // drh = dz[:, 2H:3H]·U[:, 2H:3H]ᵀ: U's rows are [H] of GH, its columns from 2H.
        gemmBt(B, H, H, dz, zt + 2 * H, GH, u, 2 * H, GH, false, drh, 0, H);
        for (let b = 0; b < B; b++) {
          const z = row(b, t) * GH, hp = row(b, t) * H, o = b * H;
          for (let j = 0; j < H; j++) {
            dz[z + H + j] = drh[o + j] * hprev[hp + j];
            dhp[o + j] += drh[o + j] * gates[z + H + j];
          }
          actMulDerivative(s.ract, gates, z + H, dz, z + H, H);
        }
        gemmBt(B, H, 2 * H, dz, zt, GH, u, 0, GH, true, dhp, 0, H);
        dh.set(dhp);
        applyRmask(dh);
      }
    } else {
      for (let b = 0; b < B; b++) {
        const z = row(b, t) * GH, o = b * H;
        for (let j = 0; j < H; j++) dz[z + j] = dh[o + j];
        actMulDerivative(s.act, gates, z, dz, z, H);
      }
      if (step > 0) {
        gemmBt(B, H, GH, dz, zt, GH, u, 0, GH, false, dh, 0, H);
        applyRmask(dh);
      }
    }
    if (mask) {
      for (let i = 0; i < B * H; i++) dh[i] += carryH[i];
      if (s.cell === LSTM) for (let i = 0; i < B * H; i++) dc[i] += carryC[i];
    }
  }
  // Weight and input gradients over all (b, t) rows (time-major), each as one product: the
  // operands transposed once so that every sum runs along rows.
  const dzT = scratch("dzT", GH * n), xT = scratch("xT", D * n), hT = scratch("hT", H * n), dxt = scratch("dxt", n * D);
  transpose(n, GH, dz, 0, GH, dzT);
  transpose(n, H, hprev, 0, H, hT);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) xT[d * n + row(b, t)] = x[(b * T + t) * D + d];
  gemmBt(D, GH, n, xT, 0, n, dzT, 0, n, false, dw, 0, GH);
  if (s.cell === GRU) {
    const rT = scratch("rT", H * n);
    transpose(n, H, rh!, 0, H, rT);
    gemmBt(H, 2 * H, n, hT, 0, n, dzT, 0, n, false, du, 0, GH);
    gemmBt(H, H, n, rT, 0, n, dzT, 2 * H * n, n, false, du, 2 * H, GH);
  } else {
    gemmBt(H, GH, n, hT, 0, n, dzT, 0, n, false, du, 0, GH);
  }
  // dx = dz·wᵀ: w [D,GH] is already the transposed operand's layout.
  gemmBt(n, D, GH, dz, 0, GH, w, 0, GH, false, dxt, 0, D);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) dx[(b * T + t) * D + d] = dxt[row(b, t) * D + d];
  if (db) for (let j = 0; j < GH; j++) {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += dzT[j * n + r];
    db[j] = sum;
  }
}

/** adam.c's step_scalar: tfjs 4.22's AdamOptimizer arithmetic, each operation rounded to float32. */
function adam(
  w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, wOut: Float32Array, mOut: Float32Array, vOut: Float32Array,
  lr: number, beta1: number, beta2: number, epsilon: number, accBeta1: number, accBeta2: number,
): void {
  const n = w.length;
  for (const [name, a] of [["g", g], ["m", m], ["v", v], ["wOut", wOut], ["mOut", mOut], ["vOut", vOut]] as const) check(name, a, n);
  const f = Math.fround;
  const b1 = f(beta1), omb1 = f(1 - beta1), b2 = f(beta2), omb2 = f(1 - beta2);
  const oma1 = f(1 - f(accBeta1)), oma2 = f(1 - f(accBeta2)), eps = f(epsilon), nlr = f(-lr);
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mt = f(f(m[i] * b1) + f(gi * omb1));
    const vt = f(f(v[i] * b2) + f(f(gi * gi) * omb2));
    const mHat = f(mt / oma1), vHat = f(vt / oma2);
    const wi = w[i];
    mOut[i] = mt;
    vOut[i] = vt;
    wOut[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * nlr) + wi);
  }
}

function embeddingRows(table: Float32Array, dim: number, ids: Float32Array, rows: Float32Array, gradient: boolean): void {
  if (!Number.isInteger(dim) || dim <= 0) throw new RangeError("treino-rnn (js): dim must be a positive integer");
  if (table.length % dim !== 0 || rows.length !== ids.length * dim) throw new RangeError("treino-rnn (js): the table or the rows do not match dim and the ids");
  const vocab = table.length / dim;
  if (gradient) table.fill(0);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (!(id >= 0 && id < vocab)) throw new RangeError(`treino-rnn (js): id ${id} at ${k} is outside the table's ${vocab} rows`);
    const base = Math.trunc(id) * dim, o = k * dim;
    if (gradient) for (let j = 0; j < dim; j++) table[base + j] += rows[o + j];
    else for (let j = 0; j < dim; j++) rows[o + j] = table[base + j];
  }
}

export const jsKernels: RnnKernels = {
  library: "js",
  forward,
  backward,
  adam,
  adamPath: "js",
  stepProductPath: "js",
  embeddingGather: (table, dim, ids, out) => embeddingRows(table, dim, ids, out, false),
  embeddingGradient: (grad, dim, ids, dOut) => embeddingRows(grad, dim, ids, dOut, true),
};
