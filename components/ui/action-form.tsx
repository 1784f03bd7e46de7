"use client";
// A form bound to a server action. Field errors from the server appear under their
// fields, the form keeps what the user typed, and the outcome is announced to screen readers.
import { createContext, startTransition, useActionState, useContext } from "react";
import type { ActionResult } from "@/lib/server/action";
import { Button } from "./button";

type Action = (previous: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

const ErrorsContext = createContext<Record<string, string[]>>({});

/** For a form that keeps its own action state but uses the shared fields. */
export const ErrorsProvider = ErrorsContext.Provider;

/**
 * A field's messages; a field holding a list (one entry per line) also shows its entries'
 * messages (`identities.2.value`), each with its line.
 */
export function useFieldErrors(name: string): string[] | undefined {
  const errors = useContext(ErrorsContext);
  const nested = Object.entries(errors).flatMap(([key, messages]) => {
    const line = key.startsWith(`${name}.`) ? Number(key.slice(name.length + 1).split(".")[0]) : NaN;
    return Number.isInteger(line) ? messages.map((m) => `Line ${line + 1}: ${m}`) : [];
  });
  const all = [...(errors[name] ?? []), ...nested];
  return all.length ? all : undefined;
}

/** One of several submit buttons: the one pressed sends its name and value with the form. */
export type Choice = { label: string; name: string; value: string; variant?: "primary" | "secondary" | "danger" };

export function ActionForm({
  action,
  submitLabel,
  choices,
  children,
  className = "space-y-4",
  submitVariant = "primary",
  confirm,
}: {
  action: Action;
  submitLabel?: string;
  /** Several ways to submit (Approve, Deny) instead of one submit button. */
  choices?: Choice[];
  children?: React.ReactNode;
  className?: string;
  submitVariant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <ErrorsContext.Provider value={fieldErrors}>
      <form
        action={dispatch}
        // Submitting through a transition keeps the inputs: React would reset the form otherwise.
        onSubmit={(event) => {
          event.preventDefault();
          if (confirm && !window.confirm(confirm)) return;
          // The pressed button's name and value travel with the fields, as a native submit would send them.
          const submitter = event.nativeEvent instanceof SubmitEvent ? event.nativeEvent.submitter : null;
          const data = new FormData(event.currentTarget, submitter);
          startTransition(() => dispatch(data));
        }}
        className={className}
        noValidate
      >
        {children}
        <div role="status" aria-live="polite" className="text-sm">
          {state && !state.ok && (
            <p className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
              {state.error}
              {fieldErrors._form && ` ${fieldErrors._form.join(" ")}`}
            </p>
          )}
          {state?.ok && state.message && <p className="rounded-md bg-green-50 px-3 py-2 text-green-800 ring-1 ring-green-200">{state.message}</p>}
        </div>
        {choices ? (
          <div className="flex flex-wrap gap-2">
            {choices.map((choice) => (
              <Button
                key={choice.value}
                type="submit"
                name={choice.name}
                value={choice.value}
                variant={choice.variant}
                disabled={pending}
                aria-disabled={pending}
              >
                {choice.label}
              </Button>
            ))}
          </div>
        ) : (
          <Button type="submit" variant={submitVariant} disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : submitLabel}
          </Button>
        )}
      </form>
    </ErrorsContext.Provider>
  );
}
