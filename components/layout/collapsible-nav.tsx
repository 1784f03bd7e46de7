"use client";
// On a phone the navigation folds behind a "Menu" button so content starts at the top of the
// screen; from the md breakpoint up it is always open. It folds again after each navigation.
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

export function CollapsibleNav({ waiting, children }: { waiting: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  // Closing on navigation while rendering, rather than in an effect, avoids a frame with the old state.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
        className="absolute top-3 right-3 rounded-md border border-slate-600 px-3 py-1 text-sm text-slate-100 md:hidden"
      >
        {open ? "Close menu" : "Menu"}
        {!open && waiting > 0 && <span className="ml-1.5 rounded bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">{waiting}</span>}
      </button>
      <div id="main-menu" className={`${open ? "block" : "hidden"} mt-2 md:mt-0 md:block`}>
        {children}
      </div>
    </>
  );
}
