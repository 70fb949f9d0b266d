"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The width of the element the ref is put on, kept current with a ResizeObserver. Charts
 * draw at real pixel sizes (text stays 11 px on a phone) instead of scaling one viewBox.
 * `fallback` is used for the server render and the first paint.
 */
export function useElementWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(200, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
