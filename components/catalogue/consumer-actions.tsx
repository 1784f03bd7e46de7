"use client";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Hidden, TextField } from "@/components/ui/fields";
import { decommissionConsumerAction, revokeCredentialAction, rotateCredentialAction } from "@/lib/catalogue/actions";

export function CredentialButtons({ consumerId, credentialId, label }: { consumerId: string; credentialId: string; label: string }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Link href={`/consumers/${consumerId}/credentials/${credentialId}/edit`} className={buttonClass("secondary")} aria-label={`Edit ${label}`}>
        Edit
      </Link>
      <ActionForm action={rotateCredentialAction} submitLabel="Record rotation" submitVariant="secondary" className="flex flex-col items-end gap-1">
        <Hidden name="id" value={credentialId} />
      </ActionForm>
      <ActionForm
        action={revokeCredentialAction}
        submitLabel="Revoke"
        submitVariant="danger"
        className="flex flex-col items-end gap-1"
        confirm={`Revoke ${label}? Callers using it will be refused.`}
      >
        <Hidden name="id" value={credentialId} />
      </ActionForm>
    </div>
  );
}

export function DecommissionForm({ consumerId, name, liveGrants }: { consumerId: string; name: string; liveGrants: number }) {
  return (
    <ActionForm
      action={decommissionConsumerAction}
      submitLabel="Decommission"
      submitVariant="danger"
      confirm={`Decommission ${name}? ${liveGrants === 1 ? "Its live grant is" : `Its ${liveGrants} live grants are`} revoked at once. This cannot be undone.`}
      className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50/50 p-4"
    >
      <p className="text-sm text-slate-800">
        Decommissioning revokes {liveGrants === 1 ? "its live grant" : `all ${liveGrants} live grants`} and every credential that serves only this consumer, in
        one step.
      </p>
      <Hidden name="id" value={consumerId} />
      <TextField name="reason" label="Reason" hint="Recorded in the audit log" />
    </ActionForm>
  );
}
