import type { Metadata } from "next";
import Link from "next/link";
import { GuardrailList } from "@/components/requests/guardrail-list";
import { CancelRequestForm, DecideStepForm } from "@/components/requests/request-actions";
import { label, ValueBadge } from "@/components/ui/badge";
import { Facts, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import { firstValues } from "@/lib/lists/params";
import { getRequest } from "@/lib/requests/queries";
import { decidesNow } from "@/lib/requests/decide-rules";
import { storedGuardrails } from "@/lib/requests/schemas";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Access request" };
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DECIDED: Record<string, string> = {
  approved: "Your approval is recorded: the grant is in place.",
  pending: "Your approval is recorded: the request moves on to the next step.",
  denied: "Your denial is recorded: the requester has been told why.",
};

export default async function RequestPage({ params, searchParams }: Props) {
  const ctx = await requireUser();
  const { id } = await params;
  const { decided } = firstValues(await searchParams);
  const request = await guard(() => getRequest(ctx, id));
  const guardrails = storedGuardrails.catch([]).parse(request.guardrails);
  const pending = request.steps.find((s) => s.status === "PENDING");
  const mine = decidesNow(ctx, request);
  const denial = request.steps.find((s) => s.status === "DENIED");
  return (
    <>
      <PageHeader
        title={`${request.consumer.name} on ${request.api.name}`}
        description={`Access request by ${request.requester.name}, ${formatDateTime(request.createdAt)}.`}
        actions={<ValueBadge value={request.status} />}
      />
      {decided && DECIDED[decided] && (
        <p role="status" className="mb-4 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900 ring-1 ring-blue-200">
          {DECIDED[decided]}
        </p>
      )}
      {denial && (
        <p role="status" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
          Denied at the {label(denial.kind).toLowerCase()} step by {denial.decidedBy?.name ?? "a former user"}: {denial.comment}
        </p>
      )}
      {request.grant && (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200">
          Approved.{" "}
          <Link href={`/grants/${request.grant.id}`} className="font-medium underline">
            The grant
          </Link>{" "}
          is {label(request.grant.status).toLowerCase()}
          {request.grant.expiresAt ? ` until ${formatDate(request.grant.expiresAt)}` : " with no end"}.
        </p>
      )}
      <Section title="Request">
        <Facts
          items={[
            [
              "Consumer",
              <Link key="c" href={`/consumers/${request.consumer.id}`} className="text-brand-700 underline">
                {request.consumer.name}
              </Link>,
            ],
            ["Kind", label(request.consumer.kind)],
            ["Comparable human role", request.consumer.comparableRole?.name ?? (request.consumer.kind === "AGENT" ? "None" : "—")],
            [
              "API",
              <Link key="a" href={`/apis/${request.api.id}`} className="text-brand-700 underline">
                {request.api.name}
              </Link>,
            ],
            ["Data classification", label(request.api.classification)],
            ["API owner", request.api.owner?.name ?? "None"],
            ["Duration", request.durationDays ? `${request.durationDays} days from approval` : "No end"],
            ["Justification", request.justification],
            ...(request.exceptionJustification ? ([["Exception justification", request.exceptionJustification]] as [string, string][]) : []),
          ]}
        />
      </Section>
      <Section title="Scopes">
        <ul className="grid grid-cols-1 gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
          {request.scopes.map(({ scope }) => (
            <li key={scope.id}>
              <span className="font-mono text-xs">{scope.name}</span> <ValueBadge value={scope.level} />{" "}
              <span className="text-xs text-slate-600">{scope.description}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Guardrails">
        <GuardrailList guardrails={guardrails} />
      </Section>
      <Section title="Approval chain">
        <Table caption="Approval steps">
          <thead>
            <tr>
              <Th>Step</Th>
              <Th>Approver</Th>
              <Th>Status</Th>
              <Th>Decided</Th>
              <Th>Comment</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {request.steps.map((s) => (
              <tr key={s.id}>
                <Td>
                  {s.position + 1}. {s.kind === "API_OWNER" ? "API owner" : label(s.kind)}
                </Td>
                <Td>
                  {s.assignee?.name ?? "Any administrator"}
                  {s.handOffNote && <p className="text-xs text-slate-600">{s.handOffNote}</p>}
                </Td>
                <Td>
                  <ValueBadge value={s.status} />
                </Td>
                <Td>{s.decidedAt ? `${formatDateTime(s.decidedAt)} by ${s.decidedBy?.name ?? "a former user"}` : "—"}</Td>
                <Td>{s.comment ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      {mine && pending && (
        <Section title="Your decision">
          <DecideStepForm
            requestId={request.id}
            stepLabel={pending.kind === "API_OWNER" ? "API owner" : label(pending.kind).toLowerCase()}
            guardrails={guardrails.length}
          />
        </Section>
      )}
      {request.status === "PENDING" && ctx.userId === request.requesterId && (
        <Section title="Withdraw">
          <CancelRequestForm requestId={request.id} />
        </Section>
      )}
    </>
  );
}
