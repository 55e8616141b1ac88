// The part of autocannon 9's API bench/load.ts uses (the package ships no types; @types/autocannon describes version 7).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  interface Result {
    requests: { total: number };
    errors: number;
    timeouts: number;
  }
  function autocannon(options: Record<string, unknown>, done: (err: Error | null, result: Result) => void): EventEmitter;
  export default autocannon;
}
