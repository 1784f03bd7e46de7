import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllRead } from "@/components/notifications/mark-read";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { listNotifications } from "@/lib/notifications/service";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const ctx = await requireUser();
  const notices = await listNotifications(ctx);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Review assignments, reminders and escalations. Your latest 50."
        actions={notices.some((n) => !n.readAt) && <MarkAllRead />}
      />
      {notices.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-700">No notices yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {notices.map((n) => (
            <li key={n.id} className="p-3">
              <div className="flex flex-wrap items-center gap-2">
                {!n.readAt && <Badge tone="blue">New</Badge>}
                {n.link ? (
                  <Link href={n.link} className="font-medium text-brand-700 hover:underline">
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
              </div>
              <p className="text-sm text-slate-700">{n.body}</p>
              <p className="text-xs text-slate-600">
                {formatDateTime(n.createdAt)}
                {n.emailedAt && " · emailed"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
