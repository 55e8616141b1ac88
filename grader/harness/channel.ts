/**
 * The harness's two ends of the wire. Everything it uses after student code may have run is
 * captured here, at import, before any student code runs: a submission that patches
 * `Buffer.from`, `JSON.stringify`, `TextEncoder` or `fs` cannot read the nonce through them
 * or speak for the harness. Integrity does not rest on the nonce staying secret, though: a
 * determined submission can still observe buffers through typed-array getters that Node's own
 * `fs` reads. What it could forge would be the describe sandbox's messages, which are the
 * student's speech anyway: the parent validates every one and enforces their order, and
 * training, prediction and scoring happen where no student code runs.
 */
import * as fs from "node:fs";
import { FrameDecoder, MESSAGE_FD, type DescribeMessage, type ParentFrame, type TrainMessage } from "../sandbox/protocol";

const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const encoder = new TextEncoder();
const encode = encoder.encode.bind(encoder);
let nonce = "";

export function setNonce(value: string): void {
  nonce = value;
}

/** Writes everything, now: the descriptors may be non-blocking sockets (EAGAIN means retry). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  const total = bytes.byteLength;
  while (offset < total) {
    try {
      offset += writeSync(fd, bytes, offset, total - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
    }
  }
}

export function send(message: DescribeMessage | TrainMessage): void {
  writeAll(MESSAGE_FD, encode(nonce + stringify(message) + "\n"));
}

/** More than the parent keeps (it keeps 64 KiB), so it still sees that output was cut. */
const MAX_CONSOLE_BYTES = 1024 * 1024;

/**
 * The submission's console goes out synchronously and capped. Node's own stdout is an
 * asynchronous socket here: what it had queued would be lost at exit, and a print loop
 * would pile up output in memory.
 */
export function captureConsole(): void {
  let written = 0;
  for (const [stream, fd] of [[process.stdout, 1], [process.stderr, 2]] as const) {
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
      const bytes = typeof chunk === "string" ? encode(chunk) : chunk;
      if (written < MAX_CONSOLE_BYTES) {
        const slice = bytes.subarray(0, MAX_CONSOLE_BYTES - written);
        written += slice.length;
        try {
          writeAll(fd, slice);
        } catch {
          // the parent stopped reading: nothing more to say
        }
      }
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") done();
      return true;
    }) as typeof stream.write;
  }
}

type Frame = { header: ParentFrame; payload: Buffer };
const queued: Frame[] = [];
const waiting: ((frame: Frame) => void)[] = [];

/** Start reading parent frames from stdin. */
export function listenForFrames(): void {
  const decoder = new FrameDecoder();
  process.stdin.on("data", (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      const resolve = waiting.shift();
      if (resolve) resolve(frame);
      else queued.push(frame);
    }
  });
  // The parent closes stdin when it is done with us; nothing more will come.
  process.stdin.on("end", () => process.stdin.pause());
}

export function nextFrame(): Promise<Frame> {
  const frame = queued.shift();
  if (frame) return Promise.resolve(frame);
  return new Promise((resolve) => waiting.push(resolve));
}
