import type { ApiProblem } from "@/lib/ui/api";

/** The pre-filled text of a support report: what the person did, what the server said. */
export function reportDraft(problem: ApiProblem, handle?: string): { summary: string; details: string; reproArtifact: string } {
  const doing = problem.action ?? "Using the dashboard";
  const summary = `${doing}: ${problem.title}`.slice(0, 200);
  const details = [
    `What I was doing: ${doing}`,
    `What happened: ${problem.detail}`,
    "",
    "Anything else that helps (steps, what you expected):",
    "",
  ].join("\n");
  const reproArtifact = JSON.stringify(
    {
      request: problem.path ? `${problem.method} ${problem.path}` : null,
      status: problem.status,
      code: problem.code,
      requestId: problem.requestId,
      handle: handle ?? null,
      page: typeof location !== "undefined" ? location.pathname : null,
      at: new Date().toISOString(),
      userAgent: typeof navigator !== "undefined" ? navigator.userAgent : null,
    },
    null,
    2,
  );
  return { summary, details, reproArtifact };
}
