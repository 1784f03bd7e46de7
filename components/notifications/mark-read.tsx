"use client";
import { ActionForm } from "@/components/ui/action-form";
import { markAllReadAction } from "@/lib/notifications/actions";

export function MarkAllRead() {
  return <ActionForm action={markAllReadAction} submitLabel="Mark all read" submitVariant="secondary" className="flex flex-col items-end gap-1" />;
}
