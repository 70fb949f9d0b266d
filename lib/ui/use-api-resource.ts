"use client";

import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from "react";
import { api, asProblem, isAbort, type ApiProblem } from "./api";

/**
 * GETs `path` and keeps the result (picked out by `select`) in state; `reload` fetches
 * again, `setData` lets a view apply its own writes. Aborted on unmount or path change.
 * Data is keyed by the path it came from: after a path change the hook answers `null`
 * (loading) until the new answer arrives, never the previous path's data.
 */
export function useApiResource<R, T>(path: string, action: string, select: (response: R) => T) {
  const [loaded, setLoaded] = useState<{ path: string; data: T | null }>({ path, data: null });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    api<R>(path, { signal: controller.signal, action })
      .then((response) => setLoaded({ path, data: select(response) }))
      .catch((error) => {
        if (!isAbort(error)) setProblem(asProblem(error));
      });
    return () => controller.abort();
    // `select` is a pure picker: a new function identity must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, action, version]);

  const data = loaded.path === path ? loaded.data : null;
  // Writes apply to the current path's data only; a write racing a path change is dropped.
  const setData: Dispatch<SetStateAction<T | null>> = useCallback((next) => {
    setLoaded((current) => {
      if (current.path !== path) return current;
      const value = typeof next === "function" ? (next as (previous: T | null) => T | null)(current.data) : next;
      return { path, data: value };
    });
  }, [path]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData, problem, reload };
}
