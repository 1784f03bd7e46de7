import Link from "next/link";
import { label } from "./badge";
import { buttonClass } from "./button";
import { FilterPanel } from "./filter-panel";

export type FilterSpec =
  | { name: string; label: string; options: readonly (string | { value: string; label: string })[] }
  /** A day, as YYYY-MM-DD in the URL. */
  | { name: string; label: string; type: "date" };

/**
 * Search and filters as a plain GET form: the state lives in the URL, works without
 * JavaScript, and the export link carries exactly the same filter.
 */
export function ListToolbar({
  path,
  current,
  filters = [],
  exportPath,
  searchLabel = "Search",
}: {
  path: string;
  current: Record<string, string>;
  filters?: FilterSpec[];
  exportPath?: string;
  searchLabel?: string;
}) {
  const exportQuery = new URLSearchParams(current);
  exportQuery.delete("page");
  exportQuery.delete("pageSize");
  // Whatever the form does not show (sort, page size, filters by id) travels along unchanged.
  const shown = new Set(["q", "page", ...filters.map((f) => f.name)]);
  const kept = Object.keys(current).filter((key) => !shown.has(key));
  return (
    <form method="get" action={path} role="search" className="no-print mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      {kept.map((key) => (
        <input key={key} type="hidden" name={key} value={current[key]} />
      ))}
      <div className="flex min-w-56 flex-1 flex-col">
        <label htmlFor="list-search" className="text-xs font-medium text-slate-700">
          {searchLabel}
        </label>
        <input
          id="list-search"
          name="q"
          type="search"
          defaultValue={current.q ?? ""}
          placeholder="Type and press Enter"
          className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      {filters.length > 0 && (
        <FilterPanel active={filters.filter((f) => current[f.name]).length}>
          {filters.map((filter) => (
            <div key={filter.name} className="flex flex-col">
              <label htmlFor={`filter-${filter.name}`} className="text-xs font-medium text-slate-700">
                {filter.label}
              </label>
              {"type" in filter ? (
                <input
                  id={`filter-${filter.name}`}
                  name={filter.name}
                  type="date"
                  defaultValue={current[filter.name] ?? ""}
                  className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                />
              ) : (
                <select
                  id={`filter-${filter.name}`}
                  name={filter.name}
                  defaultValue={current[filter.name] ?? ""}
                  className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                >
                  <option value="">All</option>
                  {filter.options.map((option) => {
                    const value = typeof option === "string" ? option : option.value;
                    const text = typeof option === "string" ? label(option) : option.label;
                    return (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    );
                  })}
                </select>
              )}
            </div>
          ))}
        </FilterPanel>
      )}
      <button type="submit" className={buttonClass("primary")}>
        Apply
      </button>
      <Link href={path} className={buttonClass("ghost")}>
        Reset
      </Link>
      {exportPath && (
        <a href={`${exportPath}?${exportQuery}`} className={buttonClass("secondary", "ml-auto")} download>
          Export CSV
        </a>
      )}
    </form>
  );
}

/** The "Owner" filter: the caller first, as "Me", then everyone else. */
export function ownerFilter(me: string, users: { id: string; name: string }[]): FilterSpec {
  return {
    name: "ownerId",
    label: "Owner",
    options: [{ value: me, label: "Me" }, ...users.filter((u) => u.id !== me).map((u) => ({ value: u.id, label: u.name }))],
  };
}
