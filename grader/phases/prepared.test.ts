import { describe, expect, it } from "vitest";
import { PreparedCollector } from "./prepared";

const b64 = (values: number[]) => Buffer.from(Float32Array.from(values).buffer).toString("base64");

describe("reassembling prepared data", () => {
  it("joins chunks in order into inputs and targets", () => {
    const c = new PreparedCollector({ type: "prepared", id: "m", xShape: [2, 2], yLength: 2, chunks: 2, problem: null });
    c.add(0, b64([1, 2, 3]));
    expect(c.complete).toBe(false);
    c.add(1, b64([4, 5, 6]));
    expect(c.complete).toBe(true);
    const t = c.table();
    expect(Array.from(t.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.y!)).toEqual([5, 6]);
  });

  it("refuses chunks out of order or longer than announced", () => {
    const c = new PreparedCollector({ type: "prepared", id: "m", xShape: [1, 2], yLength: null, chunks: 1, problem: null });
    expect(() => c.add(1, b64([1, 2]))).toThrow(/out of order/);
    expect(() => c.add(0, b64([1, 2, 3]))).toThrow(/longer/);
  });

  it("refuses an announced size over the limit", () => {
    expect(() => new PreparedCollector({ type: "prepared", id: "m", xShape: [100_000, 500], yLength: null, chunks: 1, problem: null })).toThrow(/over the limit/);
  });

  it("is incomplete until every byte came", () => {
    const c = new PreparedCollector({ type: "prepared", id: "m", xShape: [2, 2], yLength: null, chunks: 1, problem: null });
    c.add(0, b64([1, 2]));
    expect(c.complete).toBe(false);
    expect(() => c.table()).toThrow(/incomplete/);
  });
});
