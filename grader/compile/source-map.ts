/** Maps positions and stack traces of the compiled submission back to the student's .ts. */
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";

export const SOURCE_NAME = "submission.ts";
export const COMPILED_NAME = "submission.js";

export interface Position {
  line: number;
  column: number;
}

export class SubmissionSourceMap {
  private map: TraceMap;

  constructor(mapJson: string) {
    this.map = new TraceMap(mapJson);
  }

  /** 1-based line and column in the compiled file -> 1-based in the .ts file. */
  original(line: number, column: number): Position | null {
    const pos = originalPositionFor(this.map, { line, column: Math.max(0, column - 1) });
    if (pos.line == null) return null;
    return { line: pos.line, column: (pos.column ?? 0) + 1 };
  }

  /**
   * Keeps the error line and the frames in the student's code, rewritten to .ts lines.
   * Frames inside the grader or TensorFlow.js are dropped: they mean nothing to a student
   * and would leak the grader's layout.
   */
  mapStack(stack: string): { stack: string; first: Position | null } {
    const lines = stack.split("\n");
    const out: string[] = [];
    let first: Position | null = null;
    const frame = new RegExp(`${COMPILED_NAME.replace(".", "\\.")}:(\\d+):(\\d+)`);
    for (const line of lines) {
      if (!/^\s+at /.test(line)) {
        if (out.length === 0 || !/^\s+at /.test(out[out.length - 1])) out.push(line);
        continue;
      }
      const m = frame.exec(line);
      if (!m) continue;
      const pos = this.original(Number(m[1]), Number(m[2]));
      if (!pos) continue;
      first ??= pos;
      out.push(line.replace(frame, `${SOURCE_NAME}:${pos.line}:${pos.column}`));
    }
    return { stack: out.join("\n"), first };
  }
}
