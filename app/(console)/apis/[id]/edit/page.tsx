import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ApiForm } from "@/components/catalogue/api-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateApiAction } from "@/lib/catalogue/actions";
import { linesFor } from "@/lib/catalogue/identities";
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
        values={{
          ...api,
          ownerId: api.ownerId,
          audiences: linesFor(api.addresses, "AUDIENCE"),
          // The API's own base URL is edited above; these are the others.
          baseUrls: linesFor(
            api.addresses.filter((a) => a.value !== api.baseUrl.replace(/\/+$/, "")),
            "BASE_URL",
          ),
        }}
        submitLabel="Save changes"
      />
    </>
  );
}
