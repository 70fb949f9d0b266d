"use client";

import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from "react";
import { api, asProblem, isAbort, type ApiProblem } from "./api";

/**
 * GETs `path` and keeps the result (picked out by `select`) in state; `reload` fetches
 * again, `setData` lets a view apply its own writes. Aborted on unmount or path change.
 */
export function useApiResource<R, T>(path: string, action: string, select: (response: R) => T) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    api<R>(path, { signal: controller.signal, action })
      .then((response) => setData(select(response)))
      .catch((error) => {
        if (!isAbort(error)) setProblem(asProblem(error));
      });
    return () => controller.abort();
    // `select` is a pure picker: a new function identity must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, action, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData: setData as Dispatch<SetStateAction<T | null>>, problem, reload };
}
