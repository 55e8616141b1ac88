import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, packTensors, unpackTensor } from "./protocol";

describe("frames", () => {
  it("decodes frames split at every possible byte boundary", () => {
    const a = encodeFrame({ type: "job", n: 1 }, new Uint8Array([1, 2, 3]));
    const b = encodeFrame({ type: "plan", n: 2 });
    const all = Buffer.concat([a, b]);
    for (let cut = 0; cut <= all.length; cut++) {
      const d = new FrameDecoder();
      const frames = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
      expect(frames.map((f) => (f.header as unknown as { n: number }).n)).toEqual([1, 2]);
      expect([...frames[0].payload]).toEqual([1, 2, 3]);
      expect(frames[1].payload.length).toBe(0);
    }
  });

  it("reassembles a large payload delivered in small chunks", () => {
    const big = new Uint8Array(1_000_000).map((_, i) => i % 251);
    const frame = encodeFrame({ type: "plan" }, big);
    const d = new FrameDecoder();
    const frames = [];
    for (let i = 0; i < frame.length; i += 65_536) frames.push(...d.push(frame.subarray(i, i + 65_536)));
    expect(frames).toHaveLength(1);
    expect(Buffer.compare(frames[0].payload, Buffer.from(big))).toBe(0);
  });
});

describe("tensors", () => {
  it("round-trips float32 and int32 tensors through one payload", () => {
    const { table, payload } = packTensors({
      a: { dtype: "float32", shape: [2, 2], data: Float32Array.from([0.5, -1, 3, 4]) },
      b: { dtype: "int32", shape: [3], data: Int32Array.from([7, -8, 9]) },
    });
    const buf = Buffer.from(payload);
    const a = unpackTensor(buf, table.a);
    const b = unpackTensor(buf, table.b);
    expect(Array.from(a.data)).toEqual([0.5, -1, 3, 4]);
    expect(a.shape).toEqual([2, 2]);
    expect(b.data).toBeInstanceOf(Int32Array);
    expect(Array.from(b.data)).toEqual([7, -8, 9]);
  });
});
