"use client";
// Labelled inputs that show their server-side validation messages.
import { useId } from "react";
import { label as humanise } from "./badge";
import { useFieldErrors } from "./action-form";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm aria-[invalid=true]:border-red-600";

function FieldShell({
  id,
  name,
  label,
  hint,
  children,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  children: (props: { "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const errors = useFieldErrors(name);
  const describedBy = [hint && `${id}-hint`, errors && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ "aria-invalid": Boolean(errors), "aria-describedby": describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errors && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  required,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  defaultValue?: string | number | null;
  required?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} name={name} label={label} hint={hint}>
      {(aria) => <input id={id} name={name} type={type} defaultValue={defaultValue ?? ""} required={required} className={inputClass} {...aria} />}
    </FieldShell>
  );
}

export function TextArea({
  name,
  label,
  hint,
  defaultValue,
  monospace,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string | null;
  monospace?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} name={name} label={label} hint={hint}>
      {(aria) => (
        <textarea
          id={id}
          name={name}
          rows={3}
          defaultValue={defaultValue ?? ""}
          spellCheck={monospace ? false : undefined}
          className={`${inputClass}${monospace ? " font-mono" : ""}`}
          {...aria}
        />
      )}
    </FieldShell>
  );
}

export type Option = string | { value: string; label: string };

export function SelectField({
  name,
  label,
  hint,
  options,
  defaultValue,
  placeholder,
}: {
  name: string;
  label: string;
  hint?: string;
  options: readonly Option[];
  defaultValue?: string | null;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldShell id={id} name={name} label={label} hint={hint}>
      {(aria) => (
        <select id={id} name={name} defaultValue={defaultValue ?? ""} className={inputClass} {...aria}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => {
            const value = typeof option === "string" ? option : option.value;
            return (
              <option key={value} value={value}>
                {typeof option === "string" ? humanise(option) : option.label}
              </option>
            );
          })}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <div>
      <div className="flex items-center gap-2">
        <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="h-4 w-4" aria-invalid={Boolean(errors)} />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {errors && <p className="mt-1 text-sm text-red-700">{errors.join(" ")}</p>}
    </div>
  );
}

/** A group of checkboxes sharing one name: the server receives every ticked value. */
export function CheckboxGroup({
  name,
  legend,
  options,
  defaultValues = [],
}: {
  name: string;
  legend: string;
  options: { value: string; label: React.ReactNode }[];
  defaultValues?: string[];
}) {
  const errors = useFieldErrors(name);
  const id = useId();
  return (
    <fieldset aria-describedby={errors ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option.value} defaultChecked={defaultValues.includes(option.value)} className="h-4 w-4" />
            {option.label}
          </label>
        ))}
      </div>
      {errors && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** A file picker styled like the console's buttons, instead of the browser's bare control. */
export const FILE_INPUT =
  "mt-1 block text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100";
