/**
 * The order a sandbox must speak in. The parent lays out the messages it expects, turn by
 * turn (adding turns as it learns what comes next: the probes and builds after the exports,
 * the training turns after a rebuilt model passed its gate); a message that is not the next
 * expected one is refused, and the session ends it as a sandbox failure. So each phase is
 * announced once and in order (its clock cannot be restarted), epochs come in order and
 * within the budget, and each model's predictions come once, with exactly the expected count.
 * A `failure` may come at any turn: it ends the conversation.
 */

export interface Turn {
  /** What the parent expects, for the refusal message: "phase train:model", "2 predictions". */
  expect: string;
  accepts(message: { type: string } & Record<string, unknown>): boolean;
  /** Turns this message announces, which come next (a table's chunks, counted in its header). */
  then?(message: { type: string } & Record<string, unknown>): Turn[];
}

export class Conversation {
  private turns: Turn[] = [];
  private ended = false;

  constructor(initial: Turn[] = []) {
    this.turns.push(...initial);
  }

  /** Lays out the next turns. */
  expect(...turns: Turn[]): void {
    this.turns.push(...turns);
  }

  /** Null when the message is the expected one (or a failure); else why it is refused. */
  accept(message: { type: string } & Record<string, unknown>): string | null {
    if (this.ended) return `a message after the end of the conversation (${describe(message)})`;
    if (message.type === "failure") {
      this.ended = true;
      return null;
    }
    const next = this.turns[0];
    if (!next) return `a message out of turn (${describe(message)}): the grader expected nothing yet`;
    if (!next.accepts(message)) return `a message out of turn (${describe(message)}): the grader expected ${next.expect}`;
    this.turns.shift();
    if (next.then) this.turns.unshift(...next.then(message));
    if (message.type === "done") this.ended = true;
    return null;
  }

  get finished(): boolean {
    return this.ended;
  }
}

function describe(message: { type: string } & Record<string, unknown>): string {
  const detail = typeof message.name === "string" ? ` ${message.name}` : typeof message.id === "string" ? ` ${message.id}` : typeof message.model === "string" ? ` ${message.model}` : "";
  return `${message.type}${detail}`.slice(0, 120);
}

// Turn builders, one per kind of message.
export const turn = {
  phase: (name: string): Turn => ({ expect: `phase ${name}`, accepts: (m) => m.type === "phase" && m.name === name }),
  type: (type: string): Turn => ({ expect: type, accepts: (m) => m.type === type }),
  probe: (id: string): Turn => ({ expect: `probe ${id}`, accepts: (m) => m.type === "probe" && m.id === id }),
  of: (type: string, id: string): Turn => ({ expect: `${type} ${id}`, accepts: (m) => m.type === type && (m.id === id || m.model === id) }),
  epoch: (model: string, epoch: number): Turn => ({
    expect: `epoch ${epoch + 1} of ${model}`,
    accepts: (m) => m.type === "epoch" && m.model === model && m.epoch === epoch,
  }),
  values: (type: "predictions" | "chart" | "reference", model: string, count: number): Turn => ({
    expect: `${type} of ${model} (${count} values)`,
    accepts: (m) => m.type === type && m.model === model && Array.isArray(m.values) && m.values.length === count,
  }),
  ablation: (model: string, layer: string, count: number): Turn => ({
    expect: `ablation of ${model}/${layer} (${count} values)`,
    accepts: (m) => m.type === "ablation" && m.model === model && m.layer === layer && Array.isArray(m.values) && m.values.length === count,
  }),
  /** A prepared table's header, then as many chunks as it announces, in order. */
  prepared: (id: string): Turn => ({
    expect: `prepared data of ${id}`,
    accepts: (m) => m.type === "prepared" && m.id === id,
    then: (m) => {
      const chunks = m.problem === null && typeof m.chunks === "number" ? m.chunks : 0;
      return Array.from({ length: chunks }, (_, index) => ({
        expect: `chunk ${index + 1} of ${chunks} of ${id}'s prepared data`,
        accepts: (c: { type: string } & Record<string, unknown>) => c.type === "chunk" && c.id === id && c.index === index,
      }));
    },
  }),
  order: (model: string, layer: string): Turn => ({
    expect: `order sensitivity of ${model}/${layer}`,
    accepts: (m) => m.type === "order" && m.model === model && m.layer === layer,
  }),
};
