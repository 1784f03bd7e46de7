"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Hidden } from "@/components/ui/fields";
import { cancelCampaignAction } from "@/lib/reviews/actions";

export function CancelCampaignForm({ id }: { id: string }) {
  return (
    <ActionForm
      action={cancelCampaignAction}
      submitLabel="Cancel campaign"
      submitVariant="secondary"
      confirm="Cancel this campaign? Undecided items stay as they are."
      className="flex flex-col items-end gap-1"
    >
      <Hidden name="id" value={id} />
    </ActionForm>
  );
}
