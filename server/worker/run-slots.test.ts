import { describe, expect, it } from "vitest";
import { WorkerCores } from "./run-slots";

describe("a worker's cores", () => {
  it("lends a job's extra runs only the cores no job holds", () => {
    const cores = new WorkerCores(2);
    cores.jobStarted();
    expect(cores.slots.tryAcquire()).toBe(true);
    expect(cores.slots.tryAcquire()).toBe(false);
    cores.slots.release();
    cores.jobStarted();
    expect(cores.slots.tryAcquire()).toBe(false);
    cores.jobEnded();
    cores.jobEnded();
    expect(cores.free).toBe(2);
  });
});
