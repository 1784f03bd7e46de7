import { Badge } from "@/components/ui/badge";
import { GUARDRAIL_TITLES, type GuardrailCode } from "@/lib/policy/policy";

type Flag = { code: GuardrailCode; message: string; needsAdmin: boolean; needsException: boolean };

/** Guardrails with their reasons, as the requester and every approver read them. */
export function GuardrailList({ guardrails, empty = "No guardrail flagged: the request stays within policy." }: { guardrails: Flag[]; empty?: string }) {
  if (guardrails.length === 0) return <p className="text-sm text-green-800">{empty}</p>;
  return (
    <ul className="space-y-2" aria-label="Guardrails">
      {guardrails.map((g) => (
        <li key={g.code} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2 font-medium text-amber-950">
            {GUARDRAIL_TITLES[g.code]}
            {g.needsAdmin && <Badge tone="red">Extra ADMIN approval</Badge>}
            {g.needsException && <Badge tone="amber">Exception justification required</Badge>}
          </p>
          <p className="mt-1 text-amber-950">{g.message}</p>
        </li>
      ))}
    </ul>
  );
}
