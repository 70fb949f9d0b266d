"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, asProblem, type ApiProblem } from "@/lib/ui/api";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/** "Create your handle": the API owns the naming rule and answers invalid_handle / handle_taken. */
export function CreateHandleForm({ autoFocus = true }: { autoFocus?: boolean }) {
  const router = useRouter();
  const [slug, setSlug] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api("/v2/handles", { method: "POST", body: { handle: slug }, action: `Creating the handle '${slug}'` });
      router.push(`/dashboard/${slug}`);
      router.refresh();
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  }

  const fieldError = problem && ["invalid_handle", "handle_taken"].includes(problem.code) ? problem.detail : null;
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field id="handle" label="Handle" error={fieldError}
        hint="2–39 characters: lower-case letters, digits and hyphens, like your brand's name. Partners see it.">
        <input
            id="handle" name="handle" required autoFocus={autoFocus} autoComplete="off" spellCheck={false}
            value={slug} onChange={(e) => setSlug(e.target.value.toLowerCase().trim())}
            placeholder="acme" aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "handle-error" : "handle-hint"}
            className={inputClass}
          />
      </Field>
      {problem && !fieldError && <ProblemAlert problem={problem} onDismiss={() => setProblem(null)} />}
      <Button type="submit" disabled={busy || !slug} className="w-full">
        {busy ? "Creating…" : "Create handle"}
      </Button>
    </form>
  );
}
