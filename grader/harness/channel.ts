/**
 * The harness's two ends of the wire, captured before any student code runs so that a
 * submission that patches `fs`, `JSON` or `process.stdin` cannot read the nonce or
 * speak for the harness.
 */
import * as fs from "node:fs";
import { FrameDecoder, MESSAGE_FD, type ChildMessage, type ParentFrame } from "../sandbox/protocol";

const writeSync = fs.writeSync;
const stringify = JSON.stringify;
let nonce = "";

export function setNonce(value: string): void {
  nonce = value;
}

function writeAll(text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(MESSAGE_FD, bytes, offset, bytes.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
    }
  }
}

export function send(message: ChildMessage): void {
  writeAll(nonce + stringify(message) + "\n");
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
