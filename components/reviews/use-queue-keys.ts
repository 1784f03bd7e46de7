"use client";
// The queue's keyboard. A key is a command, never text: every key handled here is stopped
// before it can type into the field it moves focus to. Letters act only outside fields;
// Esc and Ctrl/⌘+Enter work everywhere.
import { useEffect, useRef } from "react";

export type QueueKeyHandlers = {
  move: (by: 1 | -1) => void;
  toggle: () => void;
  approve: () => void;
  revoke: () => void;
  reduce: () => void;
  reassign: () => void;
  comment: () => void;
  open: () => void;
  escape: () => void;
  submit: () => void;
  help: () => void;
};

export const QUEUE_KEYS: { keys: string; does: string }[] = [
  { keys: "j / k", does: "Next / previous item" },
  { keys: "x", does: "Select or clear the item (Shift+click a checkbox selects a range)" },
  { keys: "a", does: "Approve (asks for the reason first when against the recommendation)" },
  { keys: "r", does: "Revoke (asks for the reason first when against the recommendation)" },
  { keys: "d", does: "Reduce: choose the scopes to keep" },
  { keys: "s", does: "Reassign: search for a reviewer" },
  { keys: "c", does: "Write the comment" },
  { keys: "Enter", does: "Open the item's evidence" },
  { keys: "Esc", does: "Leave the field, close the panel or clear the selection" },
  { keys: "Ctrl / ⌘ + Enter", does: "Submit: see what will happen first" },
  { keys: "?", does: "This help" },
];

function inField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function useQueueKeys(handlers: QueueKeyHandlers, enabled: boolean) {
  // The latest handlers, without re-binding the listener on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      const h = latest.current;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        h.submit();
        return;
      }
      if (event.key === "Escape") {
        h.escape();
        return;
      }
      if (inField(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // Buttons and links keep their own Enter.
      if (event.key === "Enter" && event.target instanceof HTMLElement && event.target.closest("button, a, summary")) return;
      const command: Record<string, (() => void) | undefined> = {
        j: () => h.move(1),
        k: () => h.move(-1),
        x: h.toggle,
        a: h.approve,
        r: h.revoke,
        d: h.reduce,
        s: h.reassign,
        c: h.comment,
        Enter: h.open,
        "?": h.help,
      };
      const run = command[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
