"use client";
// The reviewer's queue. Decisions are optimistic: the card shows the new decision at once
// and rolls back with the server's message if it is refused. Drafts live on the server,
// so they survive a reload; "Submit" closes the stage for the decided items.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/action-result";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { bulkApproveAction, decideAction, loadInboxAction, submitDecisionsAction } from "@/lib/reviews/actions";
import type { InboxItem } from "@/lib/reviews/queries";
import { reviewKeys } from "@/lib/reviews/query-keys";
import { type Decide, ReviewItemCard } from "./review-item-card";

type InboxPage = { rows: InboxItem[]; total: number; page: number; pageSize: number };

export function Inbox({ initial, reviewers, campaignId }: { initial: InboxPage; reviewers: { id: string; name: string }[]; campaignId?: string }) {
  const client = useQueryClient();
  const page = initial.page;
  const key = reviewKeys.inbox(page, campaignId);
  const { data } = useQuery({ queryKey: key, queryFn: () => unwrap(loadInboxAction({ page, campaignId })), initialData: initial });
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const decision = useMutation({
    mutationFn: (input: Parameters<Decide>[0]) => unwrap(decideAction(input)),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InboxPage>(key);
      setErrors(({ [input.itemId]: _gone, ...rest }) => rest);
      client.setQueryData<InboxPage>(
        key,
        (old) =>
          old && {
            ...old,
            rows: old.rows.map((row) => {
              if (row.id !== input.itemId || input.decision === "REASSIGN") return row;
              const stage1 = row.status === "STAGE1";
              return {
                ...row,
                version: row.version + 1,
                ...(stage1
                  ? { stage1Decision: input.decision, stage1Comment: input.comment }
                  : { stage2Decision: input.decision, stage2Comment: input.comment }),
                keptScopeIds: input.keptScopeIds ?? row.keptScopeIds,
              };
            }),
          },
      );
      return { previous };
    },
    onError: (error, input, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      setErrors((e) => ({ ...e, [input.itemId]: error.message }));
    },
    onSettled: (_data, _error, input) => {
      // A reassigned item leaves the queue: only then is a refetch needed at once.
      if (input.decision === "REASSIGN") void client.invalidateQueries({ queryKey: reviewKeys.all });
    },
  });

  const decided = data.rows.filter((r) => (r.status === "STAGE1" ? r.stage1Decision : r.stage2Decision));
  const bulkEligible = data.rows.filter((r) => r.status === "STAGE1" && !r.stage1Decision && r.recommendation === "APPROVE" && !r.isHighRisk);

  const bulk = useMutation({
    mutationFn: () => unwrap(bulkApproveAction({ itemIds: bulkEligible.map((r) => r.id) })),
    onSuccess: (result) => setNotice(`Approved ${result.approved} item(s) as recommended. Submit to close the stage.`),
    onError: (error) => setNotice(error.message),
    onSettled: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });
  const submit = useMutation({
    mutationFn: () => unwrap(submitDecisionsAction({ itemIds: decided.map((r) => r.id) })),
    onSuccess: (result) => setNotice(`Submitted: ${result.closed} item(s) closed and remediated, ${result.forwarded} sent for manager sign-off.`),
    onError: (error) => setNotice(error.message),
    onSettled: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });

  const decide: Decide = useCallback((input) => decision.mutate(input), [decision]);
  const rows = data.rows;

  // Keyboard: j / k next and previous item, a approve, r revoke (a reason first when against the recommendation).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const item = rows[focus];
      if (event.key === "j" || event.key === "k") {
        const next = Math.max(0, Math.min(rows.length - 1, focus + (event.key === "j" ? 1 : -1)));
        setFocus(next);
        document.getElementById(`item-${rows[next]?.id}`)?.focus();
        event.preventDefault();
      } else if (item && (event.key === "a" || event.key === "r")) {
        // The key is a command, never text: it must not reach the comment it may move focus to.
        event.preventDefault();
        const decision = event.key === "a" ? "APPROVE" : "REVOKE";
        const field = document.getElementById(`comment-${item.id}`);
        const comment = field instanceof HTMLTextAreaElement ? field.value : "";
        // Against the recommendation a reason is needed first: the comment takes focus, empty.
        if (decision !== item.recommendation && comment.trim().length < 5) field?.focus();
        else decide({ itemId: item.id, version: item.version, decision, comment });
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, focus, decide]);

  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-700">
        {notice && (
          <p role="status" className="mb-2 font-medium text-slate-900">
            {notice}
          </p>
        )}
        <p>Nothing to review. Items assigned to you in active campaigns appear here.</p>
      </div>
    );
  }
  return (
    <div>
      <div className="no-print sticky top-0 z-10 mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white/95 p-3 backdrop-blur">
        <p className="text-sm" aria-live="polite">
          {data.total} item(s) to review · {decided.length} decided on this page
        </p>
        {bulkEligible.length > 0 && (
          <Button type="button" variant="secondary" disabled={bulk.isPending} onClick={() => bulk.mutate()}>
            Approve {bulkEligible.length} low-risk item(s) recommended for approval
          </Button>
        )}
        <Button type="button" disabled={decided.length === 0 || submit.isPending} onClick={() => submit.mutate()}>
          Submit {decided.length} decision(s)
        </Button>
        <p className="text-xs text-slate-600">Keys: j / k next · previous, a approve, r revoke</p>
        {notice && (
          <p role="status" className="w-full text-sm text-slate-800">
            {notice}
          </p>
        )}
      </div>
      <ol className="space-y-4">
        {rows.map((item, index) => (
          <li key={item.id}>
            <ReviewItemCard
              item={item}
              focused={index === focus}
              onFocus={() => setFocus(index)}
              decide={decide}
              error={errors[item.id]}
              reviewers={reviewers}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
