"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

// False in the server's HTML and during hydration, true once React owns the page. Controls
// whose work is client-side stay disabled until then, so that a click or keystroke made
// while the page is still loading is not silently lost.
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
