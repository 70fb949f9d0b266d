"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { CloseIcon } from "./icons";

interface ModalProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  /** "alertdialog" for confirmations, so screen readers announce them as such. */
  role?: "dialog" | "alertdialog";
  size?: "sm" | "md" | "lg";
  children: React.ReactNode;
  footer?: React.ReactNode;
}

function returnFocus(target: Element | null) {
  if (target instanceof HTMLElement && target.isConnected) setTimeout(() => target.focus(), 0);
}

const FOCUSABLE = ":is(input:not([type=hidden]), select, textarea, button, [href], [tabindex]):not([disabled]):not([tabindex='-1'])";

const WIDTHS = { sm: "sm:max-w-md", md: "sm:max-w-lg", lg: "sm:max-w-2xl" };

/**
 * Native <dialog> with showModal(): the browser makes the page inert, traps Tab inside
 * and closes on Escape. We add focus return to the opener and backdrop-click to close.
 */
export function Modal(props: ModalProps) {
  // Portaled to <body>: a dialog opened from inside a form (an error alert in a settings
  // form) must not become a nested form or inherit a disabled fieldset.
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => setHost(document.body), []);
  return host ? createPortal(<ModalDialog {...props} />, host) : null;
}

function ModalDialog({ open, onClose, title, description, role = "dialog", size = "md", children, footer }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // Start in the content (or on [data-autofocus]) rather than on the close button.
      const first = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(`[data-modal-body] ${FOCUSABLE}`);
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus(opener.current);
    }
  }, [open]);

  // Unmounted while open (the parent dropped it): still hand focus back to the opener.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.hasAttribute("open")) returnFocus(opener.current);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault(); // Escape: let React state close it, so state and DOM agree
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
      // React bubbles events through portals: keep a dialog's submit away from an outer form.
      onSubmit={(event) => event.stopPropagation()}
      className={`mx-auto mb-0 mt-auto max-h-[92dvh] w-full max-w-full overflow-hidden rounded-t-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50 backdrop:backdrop-blur-[2px] sm:mb-auto sm:rounded-2xl ${WIDTHS[size]}`}
    >
      {open && (
        <div className="flex max-h-[92dvh] flex-col">
          <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4 sm:px-6">
            <div className="min-w-0">
              <h2 id={titleId} className="truncate text-base font-semibold text-slate-900">{title}</h2>
              {description && <div id={descriptionId} className="mt-1 text-sm text-slate-600">{description}</div>}
            </div>
            <button type="button" onClick={onClose} aria-label="Close dialog"
              className="-mr-2 -mt-1 rounded-md p-2 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
              <CloseIcon className="h-5 w-5" />
            </button>
          </header>
          <div data-modal-body className="min-h-0 flex-1 overflow-y-auto px-5 py-5 sm:px-6">{children}</div>
          {footer && (
            <footer className="flex flex-col-reverse gap-2 border-t border-slate-100 bg-slate-50/80 px-5 py-3 sm:flex-row sm:justify-end sm:px-6">
              {footer}
            </footer>
          )}
        </div>
      )}
    </dialog>
  );
}
