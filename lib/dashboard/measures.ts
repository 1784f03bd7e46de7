// What each dashboard measure holds, by name. A measure is stored as DashboardCell rows with two
// generic dimensions (k1, k2) and two generic values (v1, v2), so that one table and one
// refresh serve every measure; this registry is the only place that says what they mean. The
// statements that compute a measure (cells.ts) and the dashboards that read it (metrics.ts,
// breakdowns.ts) both go through these names, so no reader handles k1 or v2 by hand.

export const MEASURES = {
  apis: { dims: [], values: ["apis"] },
  consumers: { dims: ["kind"], values: ["consumers"] },
  "grants.active": { dims: [], values: ["grants"] },
  credentials: { dims: [], values: ["live", "longLived"] },
  tokens: { dims: ["kind"], values: ["known", "overPolicy"] },
  "tokens.neverExpiring": { dims: ["kind"], values: ["credentials"] },
  "token.lifetimes": { dims: ["bucket", "kind"], values: ["credentials"] },
  "token.ages": { dims: ["bucket", "kind"], values: ["credentials"] },
  "token.constraint": { dims: ["level", "bearer"], values: ["grants"] },
  "grants.broad": { dims: [], values: ["grants"] },
  "scope.breadth": { dims: ["bucket"], values: ["grants"] },
  "scope.broadest": { dims: ["grantId"], values: ["held", "declared"] },
  "scope.levels": { dims: ["level"], values: ["scopes"] },
  "scope.unused": { dims: [], values: ["scopes"] },
  "scope.heat": { dims: ["exposure", "classification"], values: ["grants", "findings"] },
  agents: { dims: ["autonomy"], values: ["aboveBaseline", "withinBaseline"] },
  "agents.top": { dims: ["agentId", "name"], values: ["within", "beyond"] },
  "agents.ownerless": { dims: [], values: ["agents"] },
  reviews: { dims: [], values: ["items", "closed"] },
  "reviews.overdue": { dims: [], values: ["items"] },
  // Open findings by rule and severity (a rule's OWASP NHI item follows from the rule), and how
  // many of them were first seen in the last 30 days.
  findings: { dims: ["rule", "severity"], values: ["findings", "recent"] },
} as const satisfies Record<
  string,
  { dims: readonly [] | readonly [string] | readonly [string, string]; values: readonly [string] | readonly [string, string] }
>;

export type MeasureName = keyof typeof MEASURES;
export type Dimension<M extends MeasureName> = (typeof MEASURES)[M]["dims"][number];
export type Value<M extends MeasureName> = (typeof MEASURES)[M]["values"][number];
/** One row of a measure with its dimensions and values by name. */
export type MeasureRow<M extends MeasureName> = Record<Dimension<M>, string> & Record<Value<M>, number>;

/** A stored cell's generic columns. */
export type StoredRow = { k1: string; k2: string; v1: number; v2: number };

/** A stored row under its measure's names. */
export function named<M extends MeasureName>(measure: M, row: StoredRow): MeasureRow<M> {
  const { dims, values } = MEASURES[measure];
  const out: Record<string, string | number> = {};
  dims.forEach((dim: string, i: number) => (out[dim] = i === 0 ? row.k1 : row.k2));
  values.forEach((value: string, i: number) => (out[value] = i === 0 ? row.v1 : row.v2));
  // The registry's tuples give exactly these keys; TypeScript cannot follow a key built in a loop.
  return out as MeasureRow<M>;
}

/** SQL expressions for a measure's dimensions and values, by name, as the stored k1, k2, v1, v2 (absent ones empty or 0). */
export function columns<M extends MeasureName>(measure: M, dims: Record<Dimension<M>, string>, values: Record<Value<M>, string>, none: string) {
  const spec = MEASURES[measure];
  const dim = (i: number) => {
    const name: Dimension<M> | undefined = spec.dims[i];
    return name === undefined ? none : dims[name];
  };
  const value = (i: number) => {
    const name: Value<M> | undefined = spec.values[i];
    return name === undefined ? "0" : values[name];
  };
  return { k1: dim(0), k2: dim(1), v1: value(0), v2: value(1) };
}
