import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CsvImportForm } from "@/components/catalogue/csv-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Import from CSV" };

export default async function CsvImportPage() {
  const ctx = await requireUser();
  if (!can(ctx.roles, "consumer.create")) forbidden();
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Consumers, credentials or grants from a spreadsheet. The file is checked whole first: every bad row is named by its line, and nothing is written until all rows are valid."
      />
      <CsvImportForm />
    </>
  );
}
