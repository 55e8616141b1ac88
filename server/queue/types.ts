/**
 * The grading queue, as the web app and the workers see it. The embedded default keeps the
 * queue in the database itself (no service to run); a distributed implementation plugs in
 * behind the same interface.
 */
export interface GradingQueue {
  /** The submission is stored with status "queued": hand it to the workers. */
  enqueue(submissionId: string): Promise<void>;
  /** 1-based place among the submissions waiting, or null when it is not waiting. */
  position(submissionId: string): Promise<number | null>;
  /** How many gradings run at once across the workers now (at least 1). */
  capacity(): Promise<number>;
}

/** What a worker needs from a queue. */
export interface JobSource {
  /** Takes the oldest waiting submission for this worker, or null when none waits. */
  claim(workerId: string): Promise<string | null>;
  /** The worker still holds these jobs. */
  heartbeat(workerId: string, submissionIds: string[]): Promise<void>;
  /** Gives a job back to the queue (shutdown, cancellation). */
  release(workerId: string, submissionId: string): Promise<void>;
  /** Returns jobs whose worker stopped beating to the queue; gives up on them after too many tries. */
  reclaimStale(now?: Date): Promise<{ requeued: string[]; abandoned: string[] }>;
}
