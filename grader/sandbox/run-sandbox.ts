/**
 * Runs the harness in the sandbox and is the parent's side of the conversation: frames go
 * in on stdin, validated messages come out, every phase has a wall-clock limit, output is
 * size-capped, and whatever happens the whole process tree is gone when `finished` settles.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Conversation } from "./conversation";
import { endedBy } from "./exit-signal";
import { planLaunch, type LaunchOptions } from "./isolation";

export interface SandboxOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why the parent ended the child, if it did. */
  stoppedFor: { kind: "timeout"; phase: string; limitMs: number } | { kind: "sandbox"; reason: string } | null;
  oomKilled: boolean;
  peakMemoryBytes: number | null;
  logs: { text: string; truncated: boolean };
  stderrTail: string;
  phases: { name: string; ms: number }[];
  layers: string[];
}

export interface SandboxOptions<M> extends Omit<LaunchOptions, "jobName"> {
  /** Wall-clock limit of each phase the harness announces, in ms. */
  phaseTimeoutMs: (phase: string) => number;
  /**
   * Wall-clock limit of the whole session, whatever the child announces: the sum of its
   * phases' limits. Time the parent spends preparing data (pauseTimer) does not count.
   */
  totalTimeoutMs: number;
  /** The shape of every message, and the order they must come in. */
  schema: z.ZodType<M>;
  conversation: Conversation;
  maxLogBytes?: number;
  maxMessageBytes?: number;
}

const MAX_LINE_BYTES = 16 * 1024 * 1024;

export class SandboxSession<M extends { type: string }> {
  readonly nonce = randomBytes(16).toString("hex");
  readonly finished: Promise<SandboxOutcome>;
  readonly layers: string[];
  private queue: M[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private stoppedFor: SandboxOutcome["stoppedFor"] = null;
  private timer: NodeJS.Timeout | null = null;
  private phase = "start";
  private phaseStart = Date.now();
  private phases: { name: string; ms: number }[] = [];
  private paused = false;
  /** Time left of the whole session's budget, and when it last started counting down. */
  private budgetLeftMs: number;
  private budgetSince = Date.now();
  private totalTimer: NodeJS.Timeout | null = null;
  private child: ReturnType<typeof spawn>;
  private killTree: () => void;
  private timersOn: boolean;

  constructor(private opts: SandboxOptions<M>) {
    this.budgetLeftMs = opts.totalTimeoutMs;
    const launch = planLaunch({ ...opts, jobName: `job-${process.pid}-${randomBytes(6).toString("hex")}` });
    // The timers are the session's layer; a test may leave them out to prove prlimit's CPU limit.
    this.timersOn = !launch.disabled.includes("timeout");
    this.layers = [...launch.layers, ...(this.timersOn ? ["timeout"] : []), ...launch.notices];
    this.child = spawn(launch.command, launch.args, {
      env: { ...launch.env } as NodeJS.ProcessEnv, // nothing of the grader's environment
      detached: true, // its own process group, so the kill reaches every descendant
      stdio: ["pipe", "pipe", "pipe", "pipe", ...launch.extraFds],
    });
    this.killTree = () => {
      try {
        if (this.child.pid) process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      launch.cgroup?.killAll();
    };
    this.child.stdin!.on("error", () => {}); // the child may die before reading everything

    const maxLog = opts.maxLogBytes ?? 64 * 1024;
    let logText = "";
    let logBytes = 0;
    let stderrTail = "";
    const onLog = (chunk: Buffer) => {
      logBytes += chunk.length;
      if (logText.length < maxLog) logText = (logText + chunk.toString("utf8")).slice(0, maxLog);
    };
    this.child.stdout!.on("data", onLog);
    this.child.stderr!.on("data", (chunk: Buffer) => {
      onLog(chunk);
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4000);
    });

    this.readMessages(opts.maxMessageBytes ?? 64 * 1024 * 1024);
    this.armTimer();
    this.armTotalTimer();

    this.finished = new Promise((resolve) => {
      this.child.on("close", (rawCode, rawSignal) => {
        const { exitCode, signal } = endedBy(rawCode, rawSignal, launch.layers.includes("bubblewrap"));
        this.closePhase();
        if (this.timer) clearTimeout(this.timer);
        if (this.totalTimer) clearTimeout(this.totalTimer);
        this.killTree(); // anything the student left behind in the group
        const oomKilled = launch.cgroup?.oomKilled() ?? false;
        const peakMemoryBytes = launch.cgroup?.peakMemoryBytes() ?? null;
        launch.cleanup();
        this.ended = true;
        this.wake?.();
        resolve({
          exitCode, signal, stoppedFor: this.stoppedFor, oomKilled, peakMemoryBytes,
          logs: { text: logText, truncated: logBytes > Buffer.byteLength(logText, "utf8") }, stderrTail, phases: this.phases, layers: this.layers,
        });
      });
      this.child.on("error", () => this.stop({ kind: "sandbox", reason: "the sandbox could not start" }));
    });
  }

  private readMessages(maxBytes: number): void {
    let buffered = "";
    let total = 0;
    const prefix = this.nonce;
    this.child.stdio[3]!.on("data", (chunk: Buffer) => {
      if (this.stoppedFor) return;
      total += chunk.length;
      if (total > maxBytes) return this.stop({ kind: "sandbox", reason: `more than ${maxBytes} bytes of messages` });
      buffered += chunk.toString("utf8");
      if (buffered.length > MAX_LINE_BYTES) return this.stop({ kind: "sandbox", reason: "a message line over the size limit" });
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith(prefix)) return this.stop({ kind: "sandbox", reason: "forged output on the grader's channel" });
        let json: unknown;
        try {
          json = JSON.parse(line.slice(prefix.length));
        } catch {
          return this.stop({ kind: "sandbox", reason: "a malformed message on the grader's channel" });
        }
        const check = this.opts.schema.safeParse(json);
        if (!check.success) {
          const issue = check.error.issues[0];
          return this.stop({ kind: "sandbox", reason: `a malformed message on the grader's channel (${issue.path.join(".")}: ${issue.message})` });
        }
        const parsed = check.data;
        const refused = this.opts.conversation.accept(parsed as unknown as { type: string } & Record<string, unknown>);
        if (refused) return this.stop({ kind: "sandbox", reason: refused });
        if (parsed.type === "phase") this.enterPhase((parsed as unknown as { name: string }).name);
        this.queue.push(parsed);
        this.wake?.();
      }
    });
  }

  private closePhase(): void {
    this.phases.push({ name: this.phase, ms: Date.now() - this.phaseStart });
  }

  private enterPhase(name: string): void {
    this.closePhase();
    this.phase = name;
    this.phaseStart = Date.now();
    this.armTimer();
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.paused || !this.timersOn) return;
    const limitMs = this.opts.phaseTimeoutMs(this.phase);
    const phase = this.phase;
    this.timer = setTimeout(() => this.stop({ kind: "timeout", phase, limitMs }), limitMs);
  }

  private armTotalTimer(): void {
    if (this.totalTimer) clearTimeout(this.totalTimer);
    this.budgetSince = Date.now();
    if (!this.timersOn) return;
    const limitMs = this.opts.totalTimeoutMs;
    this.totalTimer = setTimeout(() => this.stop({ kind: "timeout", phase: `${this.phase} (whole grading)`, limitMs }), Math.max(0, this.budgetLeftMs));
  }

  /** The parent is busy (preparing data): the child's clocks must not run meanwhile. */
  pauseTimer(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.totalTimer) clearTimeout(this.totalTimer);
    this.budgetLeftMs -= Date.now() - this.budgetSince;
  }

  resumeTimer(): void {
    if (!this.paused) return;
    this.paused = false;
    this.armTimer();
    this.armTotalTimer();
  }

  get currentPhase(): string {
    return this.phase;
  }

  send(frame: Buffer): void {
    if (!this.ended) this.child.stdin!.write(frame);
  }

  /** End the child now; the first reason given is the one reported. */
  stop(reason?: NonNullable<SandboxOutcome["stoppedFor"]>): void {
    if (reason) this.stoppedFor ??= reason;
    this.killTree();
  }

  /** Messages as they arrive, until the child has exited. */
  async *messages(): AsyncGenerator<M> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
