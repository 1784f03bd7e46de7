import { Badge } from "@/components/ui/badge";
import { GUARDRAIL_SEVERITY, GUARDRAIL_TITLES, type GuardrailCode } from "@/lib/policy/policy";

// Colour by severity, and the severity in words too: colour alone tells nothing to some readers.
const SEVERITY_STYLE = {
  HIGH: { box: "border-red-300 bg-red-50", text: "text-red-950", badge: "red", label: "High" },
  MEDIUM: { box: "border-amber-300 bg-amber-50", text: "text-amber-950", badge: "amber", label: "Medium" },
} as const;

type Flag = { code: GuardrailCode; message: string; needsAdmin: boolean; needsException: boolean };

/** Guardrails with their reasons, as the requester and every approver read them. */
export function GuardrailList({ guardrails, empty = "No guardrail flagged: the request stays within policy." }: { guardrails: Flag[]; empty?: string }) {
  if (guardrails.length === 0) return <p className="text-sm text-green-800">{empty}</p>;
  return (
    <ul className="space-y-2" aria-label="Guardrails">
      {guardrails.map((g) => {
        const style = SEVERITY_STYLE[GUARDRAIL_SEVERITY[g.code]];
        return (
          <li key={g.code} className={`rounded-md border p-3 text-sm ${style.box}`} data-severity={GUARDRAIL_SEVERITY[g.code]}>
            <p className={`flex flex-wrap items-center gap-2 font-medium ${style.text}`}>
              <Badge tone={style.badge}>{style.label}</Badge>
              {GUARDRAIL_TITLES[g.code]}
              {g.needsAdmin && <Badge tone="red">Extra ADMIN approval</Badge>}
              {g.needsException && <Badge tone="amber">Exception justification required</Badge>}
            </p>
            <p className={`mt-1 ${style.text}`}>{g.message}</p>
          </li>
        );
      })}
    </ul>
  );
}
