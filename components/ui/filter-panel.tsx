"use client";
// On a phone the list filters fold behind one button (with how many are set), so the list
// itself starts on the first screen; from the md breakpoint up they sit in the toolbar.
import { useState } from "react";

export function FilterPanel({ active, children }: { active: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="list-filters"
        onClick={() => setOpen(!open)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm md:hidden"
      >
        Filters{active > 0 && ` (${active} set)`}
      </button>
      <div id="list-filters" className={`${open ? "flex" : "hidden"} w-full flex-wrap items-end gap-3 md:flex md:w-auto`}>
        {children}
      </div>
    </>
  );
}
