"use client";

import { useState } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./button";
import { copyText } from "./clipboard";
import { CheckIcon, CopyIcon } from "./icons";
import { useToast } from "./toast";

interface CopyButtonProps {
  value: string;
  /** Accessible name, e.g. "Copy public link for report.pdf". */
  label: string;
  /** Visible text; omit for an icon-only button. */
  text?: string;
  toast?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** e.g. "hidden sm:inline" to show only the icon on phones. */
  textClassName?: string;
}

export function CopyButton({ value, label, text, toast, variant = "secondary", size = "sm", className = "", textClassName = "" }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const notify = useToast();
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={buttonClass(variant, size, className)}
      onClick={async () => {
        const ok = await copyText(value);
        notify(ok ? (toast ?? "Copied to clipboard") : "Could not copy: select the text and copy it by hand.", ok ? "success" : "error");
        if (!ok) return;
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? <CheckIcon className={`h-4 w-4 ${variant === "primary" || variant === "danger" ? "" : "text-emerald-600"}`} /> : <CopyIcon className="h-4 w-4" />}
      {/* The text stays put (the name must keep containing it); the check mark and the toast confirm. */}
      {text && <span className={textClassName}>{text}</span>}
    </button>
  );
}
