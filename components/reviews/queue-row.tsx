"use client";
// One line of the review queue: who gets what, how risky, what is recommended and the facts
// that drive it. The row opens the item in the detail pane; the checkbox selects it for a
// bulk decision (Shift+click selects the range from the last one ticked).
import { Badge, label } from "@/components/ui/badge";
import type { QueueItem } from "@/lib/reviews/queries";
import { drivingFacts } from "@/lib/reviews/facts";
import { useHydrated } from "@/components/ui/use-hydrated";
import { BandBadge, DecisionBadge, currentDecision } from "./item-badges";

export function QueueRow({
  item,
  current,
  selected,
  onOpen,
  onSelect,
}: {
  item: QueueItem;
  current: boolean;
  selected: boolean;
  onOpen: () => void;
  onSelect: (checked: boolean, range: boolean) => void;
}) {
  const s = item.snapshot;
  const name = `${s.consumer.name} → ${s.api.name}`;
  const draft = currentDecision(item);
  const hydrated = useHydrated();
  return (
    <li
      id={`row-${item.id}`}
      data-current={current || undefined}
      data-selected={selected || undefined}
      className={`flex items-start gap-2 border-l-4 px-2 py-1.5 ${current ? "border-brand-600 bg-brand-50" : "border-transparent hover:bg-slate-50"}`}
    >
      <input
        type="checkbox"
        checked={selected}
        aria-label={`Select ${name}`}
        className="mt-1 size-4 shrink-0"
        disabled={!hydrated}
        onChange={() => undefined}
        onClick={(event) => onSelect(event.currentTarget.checked, event.shiftKey)}
      />
      <button type="button" disabled={!hydrated} onClick={onOpen} aria-current={current || undefined} className="min-w-0 flex-1 text-left">
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium">
            {s.consumer.name} <span className="font-normal text-slate-600">→</span> {s.api.name}
          </span>
          <span className="ml-auto flex shrink-0 gap-1">
            <BandBadge band={item.band} />
            <DecisionBadge decision={draft} />
          </span>
        </span>
        <span className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-700">
          <span>{label(s.consumer.kind)}</span>
          <span>
            Recommended: <strong className="font-medium">{item.recommendation.toLowerCase()}</strong>
          </span>
          {drivingFacts(item.facts).map((f) => (
            <span key={f.key} className={f.tone === "bad" ? "text-red-800" : "text-amber-900"}>
              {f.label}: {f.value}
            </span>
          ))}
          {item.unchanged && <Badge tone="green">Unchanged since last approval</Badge>}
        </span>
      </button>
    </li>
  );
}
