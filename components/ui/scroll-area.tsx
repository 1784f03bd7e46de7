"use client";
// A box that scrolls sideways when its content is wider than the screen (a table on a phone).
// Only while it does scroll is it a focusable, named region, so keyboard users can scroll it
// and nobody gets an extra tab stop for a table that fits. Positioned, so that screen-reader-only
// text inside (absolutely placed) is clipped with the rest instead of widening the page.
import { useEffect, useRef, useState } from "react";

export function ScrollArea({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className={`relative overflow-x-auto ${className}`} {...(scrolls && { tabIndex: 0, role: "region", "aria-label": label })}>
      {children}
    </div>
  );
}
