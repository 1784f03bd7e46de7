import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ApiForm } from "@/components/catalogue/api-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateApiAction } from "@/lib/catalogue/actions";
import { getApi, listChoices } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Edit API" };

export default async function EditApiPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const [api, choices] = await guard(() => Promise.all([getApi(ctx, id), listChoices(ctx)]));
  const reach = reachOf(ctx.roles, "api.update");
  if (!reach || (reach === "own" && api.ownerId !== ctx.userId)) forbidden();
  return (
    <>
      <PageHeader title={`Edit ${api.name}`} />
      <ApiForm
        action={updateApiAction.bind(null, api.id)}
        teams={choices.teams}
        users={choices.users}
        canChooseOwner={reach === "all"}
        values={{ ...api, ownerId: api.ownerId }}
        submitLabel="Save changes"
      />
    </>
  );
}
