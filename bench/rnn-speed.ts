/**
 * Recurrent training speed on this machine: seconds per epoch of LSTM, GRU and SimpleRNN at
 * the lesson's shapes on the TensorFlow.js backends the grader uses, and the same models in
 * PyTorch where Debian's python3-torch is installed, with the ratio. The baseline for the
 * training-speed work (issue 6).
 *
 *   npm run bench:rnn [-- --samples 2000]
 *
 * IMDb figures are measured on a sample of reviews and scaled to the grader's 9,000-review
 * training split (10,000 less 10% validation) and to Keras's full 25,000.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../grader/harness/backend";
import { NODE_MODULES } from "../grader/paths";

const { values } = parseArgs({ options: { samples: { type: "string", default: "2000" }, backends: { type: "string", default: "wasm,cpu" } } });
const IMDB_SAMPLES = Number(values.samples);
const GRADER_SPLIT = 9_000;
const KERAS_TRAIN = 25_000;

type Cell = "lstm" | "gru" | "simpleRNN";
const CELLS: Cell[] = ["lstm", "gru", "simpleRNN"];

interface Shape {
  name: string;
  samples: number;
  build(cell: Cell): tf.LayersModel;
  data(): { x: tf.Tensor; y: tf.Tensor };
  batch: number;
  scaleTo: number[];
}

const sine: Shape = {
  name: "sine (20 x 1 -> 32 units)",
  samples: 980,
  batch: 32,
  scaleTo: [980],
  build(cell) {
    const m = tf.sequential();
    m.add(tf.layers[cell]({ units: 32, inputShape: [20, 1] }));
    m.add(tf.layers.dense({ units: 1 }));
    m.compile({ optimizer: "adam", loss: "meanSquaredError" });
    return m;
  },
  data: () => ({ x: tf.randomNormal([980, 20, 1]), y: tf.randomNormal([980, 1]) }),
};

const imdb: Shape = {
  name: "imdb (200 ids, embedding 10000 x 32 -> 32 units)",
  samples: IMDB_SAMPLES,
  batch: 64,
  scaleTo: [GRADER_SPLIT, KERAS_TRAIN],
  build(cell) {
    const m = tf.sequential();
    m.add(tf.layers.embedding({ inputDim: 10_000, outputDim: 32, inputLength: 200 }));
    m.add(tf.layers[cell]({ units: 32 }));
    m.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
    m.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
    return m;
  },
  data: () => ({ x: tf.randomUniform([IMDB_SAMPLES, 200], 0, 10_000, "int32").toFloat(), y: tf.randomUniform([IMDB_SAMPLES, 1]).round() }),
};

async function epochSeconds(shape: Shape, cell: Cell): Promise<number> {
  const model = shape.build(cell);
  const { x, y } = shape.data();
  // A first short fit warms kernels up; the second is timed.
  await model.fit(x.slice(0, shape.batch * 2), y.slice(0, shape.batch * 2), { epochs: 1, batchSize: shape.batch, verbose: 0 });
  const t = Date.now();
  await model.fit(x, y, { epochs: 1, batchSize: shape.batch, verbose: 0, yieldEvery: "never" });
  const s = (Date.now() - t) / 1000;
  model.dispose();
  x.dispose();
  y.dispose();
  return s;
}

/** The same models in PyTorch (one thread), or null without python3-torch. */
function torchSeconds(shape: "sine" | "imdb", cell: Cell, samples: number): number | null {
  const module = { lstm: "LSTM", gru: "GRU", simpleRNN: "RNN" }[cell];
  const script = `
import time, torch
torch.set_num_threads(1)
shape, n = "${shape}", ${samples}
if shape == "sine":
    x, y, batch = torch.randn(n, 20, 1), torch.randn(n, 1), 32
    rnn, emb = torch.nn.${module}(1, 32, batch_first=True), None
else:
    x, y, batch = torch.randint(0, 10000, (n, 200)), torch.randint(0, 2, (n, 1)).float(), 64
    rnn, emb = torch.nn.${module}(32, 32, batch_first=True), torch.nn.Embedding(10000, 32)
head = torch.nn.Linear(32, 1)
params = list(rnn.parameters()) + list(head.parameters()) + (list(emb.parameters()) if emb else [])
opt = torch.optim.Adam(params)
loss_fn = torch.nn.MSELoss() if shape == "sine" else torch.nn.BCEWithLogitsLoss()
t = time.time()
for i in range(0, n, batch):
    xb = x[i:i+batch]
    h = emb(xb) if emb else xb
    out, _ = rnn(h)
    loss = loss_fn(head(out[:, -1]), y[i:i+batch])
    opt.zero_grad(); loss.backward(); opt.step()
print(time.time() - t)
`;
  // Debian's python3-torch installs for the system Python, which may not be first on PATH.
  const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  try {
    return Number(execFileSync(python, ["-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 600_000 }).trim());
  } catch {
    return null;
  }
}

async function main() {
  tf.env().set("PROD", true);
  const blas = (() => {
    try {
      return execFileSync("sh", ["-c", "dpkg -l | grep -E 'libopenblas0|libblas3' | awk '{print $2}' | tr '\\n' ' '"], { encoding: "utf8" }).trim() || "none";
    } catch {
      return "unknown";
    }
  })();
  console.log(`Treino recurrent training speed — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, BLAS packages: ${blas}`);
  console.log(`IMDb timed on ${IMDB_SAMPLES} reviews, scaled to ${GRADER_SPLIT} (grader) and ${KERAS_TRAIN} (Keras) per epoch\n`);
  console.log(["backend", "shape", "cell", "s/epoch", "scaled", "pytorch s/epoch", "ratio"].join("\t"));
  const wasmDir = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");
  for (const backend of values.backends!.split(",")) {
    await selectBackend(backend as "wasm" | "cpu", wasmDir);
    for (const shape of [sine, imdb]) {
      for (const cell of CELLS) {
        if (backend === "cpu" && shape === imdb && cell !== "lstm") continue; // minutes each: LSTM alone shows the gap
        const s = await epochSeconds(shape, cell);
        const scaled = shape.scaleTo.map((n) => (s * n) / shape.samples);
        const torch = torchSeconds(shape === sine ? "sine" : "imdb", cell, shape === sine ? 980 : IMDB_SAMPLES);
        const torchScaled = torch == null ? null : (torch * shape.scaleTo[shape.scaleTo.length - 1]) / shape.samples;
        console.log([
          tf.getBackend(), shape.name, cell, s.toPrecision(3), scaled.map((v) => v.toPrecision(3)).join(" / "),
          torchScaled == null ? "not installed (apt-get install python3-torch)" : torchScaled.toPrecision(3),
          torchScaled == null ? "-" : `x${(scaled[scaled.length - 1] / torchScaled).toFixed(1)}`,
        ].join("\t"));
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
