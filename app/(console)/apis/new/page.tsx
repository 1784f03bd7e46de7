import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ApiForm } from "@/components/catalogue/api-form";
import { PageHeader } from "@/components/ui/page-header";
import { createApiAction } from "@/lib/catalogue/actions";
import { listChoices } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "New API" };

export default async function NewApiPage() {
  const ctx = await requireUser();
  const reach = reachOf(ctx.roles, "api.create");
  if (!reach) forbidden();
  const choices = await guard(() => listChoices(ctx));
  return (
    <>
      <PageHeader title="New API" description="Add an API to the catalogue. You can declare its scopes next." />
      <ApiForm action={createApiAction} teams={choices.teams} users={choices.users} canChooseOwner={reach === "all"} submitLabel="Create API" />
    </>
  );
}
