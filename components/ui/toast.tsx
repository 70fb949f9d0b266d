"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { CheckIcon, AlertIcon, CloseIcon } from "./icons";

type Tone = "success" | "error" | "info";
interface Toast { id: number; message: string; tone: Tone }

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/** Short confirmations ("Link copied") announced politely to screen readers. */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((message: string, tone: Tone = "success") => {
    const id = next.current++;
    setToasts((list) => [...list.slice(-2), { id, message, tone }]);
    setTimeout(() => dismiss(id), 5000);
  }, [dismiss]);

  const value = useMemo(() => show, [show]);
  const host = useTopDialog();
  const region = (
      <div aria-live="polite" role="status"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6">
        {toasts.map((toast) => (
          <div key={toast.id} data-testid="toast"
            className="pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg ring-1 ring-black/5">
            {toast.tone === "error"
              ? <AlertIcon className="h-5 w-5 shrink-0 text-red-300" />
              : <CheckIcon className="h-5 w-5 shrink-0 text-emerald-300" />}
            <p className="flex-1">{toast.message}</p>
            <button type="button" onClick={() => dismiss(toast.id)} aria-label="Dismiss notification"
              className="rounded p-1 text-slate-400 hover:text-white">
              <CloseIcon className="h-4 w-4" />
            </button>
          </div>
        ))}
      </div>
  );
  return (
    <ToastContext.Provider value={value}>
      {children}
      {host ? createPortal(region, host) : region}
    </ToastContext.Provider>
  );
}

/**
 * The open modal dialog on top, if any. A modal <dialog> sits in the browser's top layer
 * and makes the rest of the page inert, so toasts render inside it to be seen and usable.
 */
function useTopDialog(): HTMLDialogElement | null {
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  useEffect(() => {
    const pick = () => {
      const open = document.querySelectorAll<HTMLDialogElement>("dialog[open]");
      setDialog(open.length ? open[open.length - 1] : null);
    };
    pick();
    const observer = new MutationObserver(pick);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["open"] });
    return () => observer.disconnect();
  }, []);
  return dialog;
}

export function useToast() {
  return useContext(ToastContext);
}
