/**
 * A seccomp-BPF filter for the grading child, handed to bubblewrap with `--seccomp FD`.
 *
 * Written by hand rather than with libseccomp so the grader needs no C toolchain or
 * -dev package: the program is a few dozen classic-BPF instructions. It denies what a
 * model-training process never needs: sockets other than AF_UNIX, new processes
 * (fork, vfork, clone without CLONE_THREAD), ptrace, mount, namespaces, bpf, io_uring,
 * kernel modules and friends. Threads stay allowed: V8 and libuv need them.
 */

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_JSET_K = 0x45;
const BPF_RET_K = 0x06;

const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const retErrno = (errno: number) => 0x00050000 | errno;
const EPERM = 1;
const EACCES = 13;
const ENOSYS = 38;

const CLONE_THREAD = 0x00010000;
const AF_UNIX = 1;
const X32_SYSCALL_BIT = 0x40000000;

// offsetof(struct seccomp_data, ...)
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16; // little-endian: the low 32 bits of args[0]

export interface ArchTable {
  auditArch: number;
  socket: number;
  clone: number;
  clone3: number;
  /** Denied outright with EPERM. */
  denied: Record<string, number>;
}

const SHARED_DENIED_NAMES = [
  "ptrace", "mount", "umount2", "unshare", "setns", "bpf", "io_uring_setup", "io_uring_enter",
  "io_uring_register", "kexec_load", "init_module", "finit_module", "delete_module", "pivot_root",
  "chroot", "keyctl", "add_key", "request_key", "userfaultfd", "perf_event_open",
  "process_vm_readv", "process_vm_writev", "reboot", "swapon", "swapoff", "acct",
] as const;

const ARCHES: Record<string, ArchTable> = {
  x64: {
    auditArch: 0xc000003e,
    socket: 41,
    clone: 56,
    clone3: 435,
    denied: {
      fork: 57, vfork: 58, ptrace: 101, mount: 165, umount2: 166, unshare: 272, setns: 308, bpf: 321,
      io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, kexec_load: 246,
      init_module: 175, finit_module: 313, delete_module: 176, pivot_root: 155, chroot: 161,
      keyctl: 250, add_key: 248, request_key: 249, userfaultfd: 323, perf_event_open: 298,
      process_vm_readv: 310, process_vm_writev: 311, reboot: 169, swapon: 167, swapoff: 168, acct: 163,
    },
  },
  arm64: {
    auditArch: 0xc00000b7,
    socket: 198,
    clone: 220,
    clone3: 435,
    denied: {
      ptrace: 117, mount: 40, umount2: 39, unshare: 97, setns: 268, bpf: 280, io_uring_setup: 425,
      io_uring_enter: 426, io_uring_register: 427, kexec_load: 104, init_module: 105,
      finit_module: 273, delete_module: 106, pivot_root: 41, chroot: 51, keyctl: 219, add_key: 217,
      request_key: 218, userfaultfd: 282, perf_event_open: 241, process_vm_readv: 270,
      process_vm_writev: 271, reboot: 142, swapon: 224, swapoff: 225, acct: 89,
    },
  },
};

type Insn = [code: number, jt: number, jf: number, k: number];

/** The numbers the filter acts on, for the live test that calls each one (tests/sandbox). */
export function seccompTable(arch: string = process.arch): Readonly<ArchTable> | null {
  return ARCHES[arch] ?? null;
}

/** The filter for this process's architecture, or null where we have no syscall table. */
export function buildSeccompFilter(arch: string = process.arch): Buffer | null {
  const table = ARCHES[arch];
  if (!table) return null;
  for (const name of SHARED_DENIED_NAMES) {
    if (!(name in table.denied)) throw new Error(`seccomp table for ${arch} lacks ${name}`);
  }
  const prog: Insn[] = [
    [BPF_LD_W_ABS, 0, 0, OFFSET_ARCH],
    [BPF_JEQ_K, 1, 0, table.auditArch],
    [BPF_RET_K, 0, 0, RET_KILL_PROCESS], // a foreign ABI (e.g. int 0x80 on x86-64)
    [BPF_LD_W_ABS, 0, 0, OFFSET_NR],
  ];
  if (arch === "x64") {
    prog.push([BPF_JGE_K, 0, 1, X32_SYSCALL_BIT], [BPF_RET_K, 0, 0, retErrno(EPERM)]);
  }
  // clone: threads (CLONE_THREAD) yes, new processes no.
  prog.push(
    [BPF_JEQ_K, 0, 4, table.clone],
    [BPF_LD_W_ABS, 0, 0, OFFSET_ARG0_LOW],
    [BPF_JSET_K, 0, 1, CLONE_THREAD],
    [BPF_RET_K, 0, 0, RET_ALLOW],
    [BPF_RET_K, 0, 0, retErrno(EPERM)],
  );
  // socket: only AF_UNIX (Node's own pipes); no TCP/UDP/netlink/raw.
  prog.push(
    [BPF_LD_W_ABS, 0, 0, OFFSET_NR],
    [BPF_JEQ_K, 0, 4, table.socket],
    [BPF_LD_W_ABS, 0, 0, OFFSET_ARG0_LOW],
    [BPF_JEQ_K, 0, 1, AF_UNIX],
    [BPF_RET_K, 0, 0, RET_ALLOW],
    [BPF_RET_K, 0, 0, retErrno(EACCES)],
  );
  // clone3 answers ENOSYS so glibc falls back to clone, which the rule above inspects
  // (clone3 passes its flags in memory, out of a filter's reach).
  prog.push([BPF_LD_W_ABS, 0, 0, OFFSET_NR], [BPF_JEQ_K, 0, 1, table.clone3], [BPF_RET_K, 0, 0, retErrno(ENOSYS)]);
  for (const nr of Object.values(table.denied)) {
    prog.push([BPF_JEQ_K, 0, 1, nr], [BPF_RET_K, 0, 0, retErrno(EPERM)]);
  }
  prog.push([BPF_RET_K, 0, 0, RET_ALLOW]);

  const out = Buffer.alloc(prog.length * 8);
  prog.forEach(([code, jt, jf, k], i) => {
    out.writeUInt16LE(code, i * 8);
    out.writeUInt8(jt, i * 8 + 2);
    out.writeUInt8(jf, i * 8 + 3);
    out.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return out;
}
