"use client";
// The reviewer's queue: a dense list beside the open item's evidence and decision controls.
// Decisions are optimistic: the row shows the new decision at once and rolls back with the
// server's message if it is refused. Drafts live on the server, so they survive a reload and
// a change of page; "Submit" first shows what will happen across every page, then closes the
// stage for all the decided items.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { unwrap } from "@/lib/action-result";
import { counted } from "@/lib/format";
import { bulkDecideAction, decideAction, draftSummaryAction, loadInboxAction, submitDecisionsAction } from "@/lib/reviews/actions";
import type { DraftSummary } from "@/lib/reviews/draft-summary";
import type { getInbox } from "@/lib/reviews/queries";
import { reviewKeys } from "@/lib/reviews/query-keys";
import { type BulkAction, BulkBar } from "./bulk-bar";
import { currentDecision } from "./item-badges";
import { type Decide, ItemDetail, type Panel } from "./item-detail";
import { KeyHelp } from "./key-help";
import { QueueRow } from "./queue-row";
import { SubmitSummary } from "./submit-summary";
import { useQueueKeys } from "./use-queue-keys";

type InboxPage = Awaited<ReturnType<typeof getInbox>>;
// The submit action takes at most this many items at once.
const SUBMIT_CHUNK = 1000;

export function Inbox({ initial, reviewers, campaignId }: { initial: InboxPage; reviewers: { id: string; name: string }[]; campaignId?: string }) {
  const client = useQueryClient();
  const page = initial.page;
  const key = reviewKeys.inbox(page, campaignId);
  const { data } = useQuery({ queryKey: key, queryFn: () => unwrap(loadInboxAction({ page, campaignId })), initialData: initial });
  const rows = data.rows;
  const [currentId, setCurrentId] = useState<string | undefined>(rows[0]?.id);
  const index = Math.max(
    0,
    rows.findIndex((r) => r.id === currentId),
  );
  const current = rows[index];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  // On a phone the detail covers the list while an item is open.
  const [detailOpen, setDetailOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"help" | "submit" | null>(null);
  const [summary, setSummary] = useState<DraftSummary | null>(null);
  const [reassigned, setReassigned] = useState(0);

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
    onSuccess: (_data, input) => {
      if (input.decision === "REASSIGN") {
        setReassigned((n) => n + 1);
        setPanel(null);
        // The next item takes the reassigned one's place.
        setCurrentId(rows[index + 1]?.id ?? rows[index - 1]?.id);
      } else if (input.decision === "REDUCE") setPanel(null);
    },
    onSettled: (_data, _error, input) => {
      // A reassigned item leaves the queue: only then is a refetch needed at once.
      if (input.decision === "REASSIGN") void client.invalidateQueries({ queryKey: reviewKeys.all });
    },
  });
  const decide: Decide = (input) => decision.mutate(input);

  const selectedItems = rows.filter((r) => selected.has(r.id));
  const bulk = useMutation({
    mutationFn: (input: { action: BulkAction; comment: string; override: boolean }) =>
      unwrap(bulkDecideAction({ ...input, itemIds: selectedItems.map((r) => r.id) })),
    onSuccess: (result) => {
      setSelected(new Set());
      setNotice(
        `Decided ${counted(result.decided, "item")}: ${result.approved} approved, ${result.revoked} revoked, ${result.reduced} reduced. Submit when you are ready.`,
      );
    },
    onError: (error) => setNotice(error.message),
    onSettled: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });

  const preview = useMutation({
    mutationFn: () => unwrap(draftSummaryAction({ campaignId })),
    onSuccess: (result) => {
      setSummary(result);
      setDialog("submit");
    },
    onError: (error) => setNotice(error.message),
  });
  const submit = useMutation({
    mutationFn: async (itemIds: string[]) => {
      let closed = 0;
      let forwarded = 0;
      for (let i = 0; i < itemIds.length; i += SUBMIT_CHUNK) {
        const done = await unwrap(submitDecisionsAction({ itemIds: itemIds.slice(i, i + SUBMIT_CHUNK) }));
        closed += done.closed;
        forwarded += done.forwarded;
      }
      return { closed, forwarded };
    },
    onSuccess: (result) => {
      setDialog(null);
      setReassigned(0);
      setNotice(`Submitted: ${counted(result.closed, "item")} closed and remediated, ${result.forwarded} sent for manager sign-off.`);
    },
    onError: (error) => {
      setDialog(null);
      setNotice(error.message);
    },
    onSettled: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });

  const select = (at: number, checked: boolean, range: boolean) => {
    const next = new Set(selected);
    const from = range && anchor.current !== null ? Math.min(anchor.current, at) : at;
    const to = range && anchor.current !== null ? Math.max(anchor.current, at) : at;
    for (const row of rows.slice(from, to + 1)) {
      if (checked) next.add(row.id);
      else next.delete(row.id);
    }
    anchor.current = at;
    setSelected(next);
  };
  const moveTo = (at: number) => {
    const row = rows[at];
    if (!row) return;
    setCurrentId(row.id);
    setPanel(null);
    document.getElementById(`row-${row.id}`)?.scrollIntoView({ block: "nearest" });
  };
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  useQueueKeys(
    {
      move: (by) => moveTo(Math.max(0, Math.min(rows.length - 1, index + by))),
      toggle: () => current && select(index, !selected.has(current.id), false),
      approve: () => current && document.getElementById(`approve-${current.id}`)?.click(),
      revoke: () => current && document.getElementById(`revoke-${current.id}`)?.click(),
      reduce: () => {
        if (!current) return;
        setDetailOpen(true);
        setPanel("reduce");
        focusLater(`reduce-${current.id}`);
      },
      reassign: () => {
        if (!current) return;
        setDetailOpen(true);
        setPanel("reassign");
        focusLater(`reassign-${current.id}`);
      },
      comment: () => {
        if (!current) return;
        setDetailOpen(true);
        focusLater(`comment-${current.id}`);
      },
      open: () => {
        if (!current) return;
        setDetailOpen(true);
        focusLater(`title-${current.id}`);
      },
      escape: () => {
        const active = document.activeElement;
        if (active instanceof HTMLElement && active.closest("input, textarea, select")) active.blur();
        else if (panel) setPanel(null);
        else if (detailOpen) setDetailOpen(false);
        else setSelected(new Set());
      },
      submit: () => !preview.isPending && preview.mutate(),
      help: () => setDialog("help"),
    },
    dialog === null,
  );

  const decidedHere = rows.filter((r) => currentDecision(r)).length;
  const status = notice && (
    <p role="status" className="text-sm text-slate-900">
      {notice}
    </p>
  );
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-700">
        {status}
        <p>Nothing to review. Items assigned to you in active campaigns appear here.</p>
      </div>
    );
  }
  const allSelected = rows.every((r) => selected.has(r.id));
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <section aria-label="Queue" className="min-w-0 rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 p-2">
          <input
            type="checkbox"
            aria-label="Select every item on this page"
            checked={allSelected}
            onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
            className="size-4"
          />
          <p className="text-sm" aria-live="polite">
            {counted(data.total, "item")} to review · {decidedHere} decided on this page
          </p>
          <Button type="button" className="ml-auto" disabled={preview.isPending || submit.isPending} onClick={() => preview.mutate()}>
            Submit…
          </Button>
          <Button type="button" variant="ghost" onClick={() => setDialog("help")} aria-keyshortcuts="?">
            Keys
          </Button>
          {status && <div className="w-full">{status}</div>}
        </div>
        {selectedItems.length > 0 && (
          <BulkBar selected={selectedItems} pending={bulk.isPending} onDecide={(input) => bulk.mutate(input)} onClear={() => setSelected(new Set())} />
        )}
        <ol aria-label="Items" className="divide-y divide-slate-100">
          {rows.map((item, at) => (
            <QueueRow
              key={item.id}
              item={item}
              current={at === index}
              selected={selected.has(item.id)}
              onOpen={() => {
                setCurrentId(item.id);
                setPanel(null);
                setDetailOpen(true);
              }}
              onSelect={(checked, range) => select(at, checked, range)}
            />
          ))}
        </ol>
      </section>
      {current && (
        <section
          aria-label="Item detail"
          className={`${detailOpen ? "fixed inset-0 z-30 bg-slate-50 p-2" : "hidden"} lg:sticky lg:top-4 lg:z-auto lg:block lg:h-[calc(100vh-9rem)] lg:min-h-[32rem] lg:self-start lg:bg-transparent lg:p-0`}
        >
          <ItemDetail
            key={`${current.id}-${current.version}`}
            item={current}
            scale={data.scale}
            decide={decide}
            error={errors[current.id]}
            reviewers={reviewers}
            panel={panel}
            setPanel={setPanel}
            onClose={() => setDetailOpen(false)}
          />
        </section>
      )}
      <Modal open={dialog === "help"} onClose={() => setDialog(null)} title="Keys in the review queue">
        <KeyHelp />
      </Modal>
      <Modal open={dialog === "submit"} onClose={() => setDialog(null)} title="Submit your decisions?">
        {summary && (
          <SubmitSummary
            summary={summary}
            reassigned={reassigned}
            pending={submit.isPending}
            onConfirm={() => submit.mutate(summary.itemIds)}
            onCancel={() => setDialog(null)}
          />
        )}
      </Modal>
    </div>
  );
}
