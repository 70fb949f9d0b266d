"use client";

import { useCallback, useState } from "react";
import { asProblem, type ApiProblem } from "./api";

/**
 * The busy flag and last problem of a form's API call: `run(work)` clears the problem,
 * runs `work`, and keeps what it threw as a problem (with its request id) for display.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }, []);
  const dismiss = useCallback(() => setProblem(null), []);
  return { busy, problem, run, dismiss };
}
