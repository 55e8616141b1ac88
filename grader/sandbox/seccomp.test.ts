import { describe, expect, it } from "vitest";
import { buildSeccompFilter } from "./seccomp";

/** A tiny classic-BPF interpreter, enough to run the filter on synthetic syscalls. */
function run(filter: Buffer, data: { nr: number; arch: number; arg0?: number }): number {
  let acc = 0;
  let pc = 0;
  const load = (off: number) => (off === 0 ? data.nr : off === 4 ? data.arch : off === 16 ? (data.arg0 ?? 0) : 0);
  for (let steps = 0; steps < 10_000; steps++) {
    const code = filter.readUInt16LE(pc * 8);
    const jt = filter.readUInt8(pc * 8 + 2);
    const jf = filter.readUInt8(pc * 8 + 3);
    const k = filter.readUInt32LE(pc * 8 + 4);
    switch (code) {
      case 0x20: acc = load(k); pc++; break;
      case 0x15: pc += 1 + (acc === k ? jt : jf); break;
      case 0x35: pc += 1 + (acc >= k ? jt : jf); break;
      case 0x45: pc += 1 + ((acc & k) !== 0 ? jt : jf); break;
      case 0x06: return k;
      default: throw new Error(`unknown opcode ${code}`);
    }
  }
  throw new Error("filter did not return");
}

const X64 = 0xc000003e;
const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;

describe("seccomp filter (x86-64)", () => {
  const f = buildSeccompFilter("x64")!;
  it("allows ordinary calls and threads", () => {
    expect(run(f, { nr: 0, arch: X64 })).toBe(ALLOW); // read
    expect(run(f, { nr: 56, arch: X64, arg0: 0x3d0f00 })).toBe(ALLOW); // clone with CLONE_THREAD
    expect(run(f, { nr: 41, arch: X64, arg0: 1 })).toBe(ALLOW); // socket(AF_UNIX)
  });
  it("denies new processes, inet sockets and kernel interfaces", () => {
    expect(run(f, { nr: 57, arch: X64 })).toBe(EPERM); // fork
    expect(run(f, { nr: 56, arch: X64, arg0: 17 })).toBe(EPERM); // clone(SIGCHLD): fork
    expect(run(f, { nr: 41, arch: X64, arg0: 2 })).toBe(0x0005000d); // socket(AF_INET): EACCES
    expect(run(f, { nr: 101, arch: X64 })).toBe(EPERM); // ptrace
    expect(run(f, { nr: 425, arch: X64 })).toBe(EPERM); // io_uring_setup
    expect(run(f, { nr: 435, arch: X64 })).toBe(0x00050026); // clone3: ENOSYS, glibc falls back to clone
    expect(run(f, { nr: 0x40000000 + 57, arch: X64 })).toBe(EPERM); // x32 ABI
  });
  it("kills a process that switches to another ABI", () => {
    expect(run(f, { nr: 2, arch: 0x40000003 })).toBe(0x80000000);
  });
  it("has no table for unknown architectures", () => {
    expect(buildSeccompFilter("mips")).toBeNull();
  });
});
