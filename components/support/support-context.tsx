"use client";

import { createContext, useContext } from "react";

/** Which handle the person is working in, so support reports are pre-filled with it. */
const SupportContext = createContext<{ handle?: string }>({});

export function SupportScope({ handle, children }: { handle?: string; children: React.ReactNode }) {
  return <SupportContext.Provider value={{ handle }}>{children}</SupportContext.Provider>;
}

export function useSupportScope() {
  return useContext(SupportContext);
}
