"use client";
// A modal dialog on the platform's <dialog>: focus is trapped and Esc closes it natively.
import { useEffect, useRef } from "react";

export function Modal({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="modal-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="p-4">
          <h2 id="modal-title" className="text-base font-semibold">
            {title}
          </h2>
          <div className="mt-3 text-sm">{children}</div>
        </div>
      )}
    </dialog>
  );
}
