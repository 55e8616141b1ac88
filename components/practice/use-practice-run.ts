"use client";
/** A practice run's lifecycle for a component: start with the editor's code, stop, and the state so far. */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { PracticeJob } from "@/grader/practice/events";
import { preloadPractice, startPractice, type PracticeBundle, type PracticeHandle } from "./practice-host";

/** How long a task page waits before fetching the practice bundle in the background. */
const PRELOAD_DELAY_MS = 1500;
import { initialPractice, practiceReducer } from "./practice-state";

export function usePracticeRun(bundle: PracticeBundle | null, task: string) {
  const [state, dispatch] = useReducer(practiceReducer, initialPractice);
  const [hostError, setHostError] = useState<{ reason: "load" | "timeout"; detail: string } | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const handle = useRef<PracticeHandle | null>(null);
  const running = state.status === "loading" || state.status === "running";

  const stop = useCallback((by: "user" | "page" = "user") => {
    handle.current?.stop();
    handle.current = null;
    dispatch({ type: "stop", by, ms: startedAt ? Date.now() - startedAt : 0 });
  }, [startedAt]);

  const start = useCallback((source: string) => {
    if (!bundle) return;
    handle.current?.stop();
    setHostError(null);
    dispatch({ type: "start" });
    const t0 = Date.now();
    setStartedAt(t0);
    setNow(t0);
    // Tests and measurements pick the backend with ?practiceBackend=wasm (webgl, cpu).
    const wanted = new URLSearchParams(window.location.search).get("practiceBackend");
    const backend: PracticeJob["backend"] = wanted === "wasm" || wanted === "webgl" || wanted === "cpu" ? wanted : "auto";
    handle.current = startPractice({
      bundle,
      job: { task, source, seed: 1, backend },
      onEvent: (event) => dispatch({ type: "event", event }),
      onHostError: (reason, detail) => {
        setHostError({ reason, detail });
        dispatch({ type: "stop", by: "page", ms: Date.now() - t0 });
      },
    });
  }, [bundle, task]);

  // The elapsed time ticks while a run is going; the frame goes when the component does.
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [running]);
  useEffect(() => () => handle.current?.stop(), []);
  useEffect(() => {
    if (!bundle) return;
    const timer = window.setTimeout(() => preloadPractice(bundle), PRELOAD_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [bundle]);

  // Frozen when the run ends: the time from the click, as the student lived it (the worker's
  // own figure leaves out fetching the bundle and starting TensorFlow.js).
  const [endedAt, setEndedAt] = useState<number | null>(null);
  useEffect(() => {
    setEndedAt(running || startedAt == null ? null : Date.now());
  }, [running, startedAt]);
  const elapsedMs = startedAt == null ? 0 : (endedAt ?? now) - startedAt;
  return { state, hostError, running, elapsedMs, start, stop: () => stop("user") };
}
