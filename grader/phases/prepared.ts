/**
 * The student's prepared training data, from the describe sandbox to the train sandbox.
 * `PreparedCollector` reassembles a table from its header and base64 chunks and checks that
 * the bytes add up to the announced shape; `acceptPrepared` hands each table to its task,
 * which validates it (sizes, finite numbers, ranges) and makes it the training data, or
 * fails the job with a message that says what was wrong.
 */
import { makeFailure } from "../failures";
import { text } from "../i18n/messages";
import { PREPARED_MAX_VALUES, type DescribeMessage } from "../sandbox/protocol";
import type { PreparedTable, TaskPlan } from "../tasks/types";
import type { JobState } from "./job";

type Header = Extract<DescribeMessage, { type: "prepared" }>;

export class PreparedCollector {
  private bytes: Uint8Array | null = null;
  private received = 0;
  private next = 0;
  readonly problem: string | null;

  constructor(private readonly header: Header) {
    this.problem = header.problem;
    const values = header.xShape.reduce((a, b) => a * b, 1) + (header.yLength ?? 0);
    if (header.problem === null) {
      if (values > PREPARED_MAX_VALUES) throw new Error(`prepared data of ${values} values, over the limit of ${PREPARED_MAX_VALUES}`);
      this.bytes = new Uint8Array(values * 4);
    }
  }

  /** Appends a chunk; throws (a sandbox failure) on a chunk out of order or too long. */
  add(index: number, base64: string): void {
    if (!this.bytes || index !== this.next) throw new Error(`prepared data chunk ${index} out of order`);
    const chunk = Buffer.from(base64, "base64");
    if (this.received + chunk.length > this.bytes.length) throw new Error("prepared data longer than its announced shape");
    this.bytes.set(chunk, this.received);
    this.received += chunk.length;
    this.next++;
  }

  get complete(): boolean {
    return this.problem !== null || (this.bytes !== null && this.next === this.header.chunks && this.received === this.bytes.length);
  }

  table(): PreparedTable {
    if (!this.bytes || !this.complete) throw new Error("prepared data incomplete");
    const all = new Float32Array(this.bytes.buffer, 0, this.bytes.length / 4);
    const xLength = this.header.xShape.reduce((a, b) => a * b, 1);
    return { x: all.subarray(0, xLength), xShape: this.header.xShape, y: this.header.yLength === null ? null : all.subarray(xLength) };
  }
}

/** Each model's own training data from the student's table, or the job's failure. */
export function acceptPrepared(state: JobState, plan: TaskPlan<unknown>): void {
  for (const m of plan.models) {
    if (!m.prepare) continue;
    const collected = state.prepared[m.id];
    const phase = `prepare:${m.id}`;
    if (!collected) {
      state.failure = makeFailure("internal", "failure.internal", { detail: `no prepared data for ${m.id}` }, { phase });
      return;
    }
    const outcome = collected.problem !== null
      ? { ok: false as const, message: text("prepare.notTable", { fn: m.prepare.fn, problem: collected.problem }) }
      : m.prepare.accept(collected.table());
    if (!outcome.ok) {
      state.failure = { kind: "data", message: outcome.message.en, text: outcome.message, phase };
      return;
    }
    state.trainData[m.id] = outcome.train;
    for (const note of outcome.notes) state.diagnostics.push({ model: m.id, severity: "warning", text: note });
  }
}
