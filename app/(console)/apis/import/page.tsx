import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ImportForm } from "@/components/catalogue/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { listChoices } from "@/lib/catalogue/queries";
import { DataClassification, Environment, Exposure } from "@/lib/generated/prisma/enums";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Import an API" };

export default async function ImportApiPage() {
  const ctx = await requireUser();
  if (!can(ctx.roles, "api.create")) forbidden();
  const choices = await guard(() => listChoices(ctx));
  return (
    <>
      <PageHeader
        title="Import an API"
        description="From its OpenAPI 3.x or Swagger 2.0 document: every OAuth2 scope becomes a scope of the API, and each operation records the scopes it needs. Importing again updates the API and reports what changed."
      />
      <ImportForm
        teams={choices.teams}
        environments={Object.values(Environment)}
        exposures={Object.values(Exposure)}
        classifications={Object.values(DataClassification)}
      />
    </>
  );
}
