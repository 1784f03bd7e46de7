// Matching a call (an HTTP method and a path) to the operation an API's document declares.
// Compiled once per API into a tree of path segments, so a match walks the path's segments and
// costs microseconds however many operations the API has. Where templates overlap, a literal
// segment wins over a segment with a parameter inside it, which wins over a whole-segment
// parameter (`/todos/mine` before `/todos/{id}`), as OpenAPI asks of concrete paths.

export type RouteOperation = {
  method: string;
  path: string;
  // A live grant alone suffices.
  scopeFree: boolean;
  // Alternative requirement sets: any one suffices, every scope of it is needed.
  requirements: string[][];
};

type Node = {
  literal: Map<string, Node>;
  // Segments with a parameter inside (`{name}.json`), tried in declaration order.
  patterns: { re: RegExp; node: Node }[];
  param: Node | null;
  operations: Map<string, RouteOperation>;
};

const newNode = (): Node => ({ literal: new Map(), patterns: [], param: null, operations: new Map() });

function segmentsOf(path: string): string[] {
  return path.split("/").filter(Boolean);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function child(node: Node, segment: string): Node {
  if (/^\{[^{}]+\}$/.test(segment)) return (node.param ??= newNode());
  if (segment.includes("{")) {
    const source = `^${segment
      .split(/(\{[^{}]+\})/)
      .map((part) => (part.startsWith("{") ? "[^/]+?" : escape(part)))
      .join("")}$`;
    const found = node.patterns.find((p) => p.re.source === source);
    if (found) return found.node;
    const next = newNode();
    node.patterns.push({ re: new RegExp(source), node: next });
    return next;
  }
  let next = node.literal.get(segment);
  if (!next) node.literal.set(segment, (next = newNode()));
  return next;
}

function walk(node: Node, segments: string[], at: number, method: string): RouteOperation | null {
  if (at === segments.length) return node.operations.get(method) ?? (method === "HEAD" ? (node.operations.get("GET") ?? null) : null);
  const segment = segments[at] ?? "";
  const literal = node.literal.get(segment);
  const viaLiteral = literal && walk(literal, segments, at + 1, method);
  if (viaLiteral) return viaLiteral;
  for (const pattern of node.patterns) {
    if (!pattern.re.test(segment)) continue;
    const viaPattern = walk(pattern.node, segments, at + 1, method);
    if (viaPattern) return viaPattern;
  }
  return node.param ? walk(node.param, segments, at + 1, method) : null;
}

export type RouteTable = {
  /** The operation a call is to, by its route template or a concrete path; null when none is declared. */
  match(method: string, path: string): RouteOperation | null;
  size: number;
};

/**
 * Compiles an API's operations. `basePaths` are the paths of the API's base URLs: a gateway
 * may send the path as the client called it (`/v1/todos/42` for a server at `…/v1`).
 */
export function compileRoutes(operations: RouteOperation[], basePaths: string[] = []): RouteTable {
  const root = newNode();
  const exact = new Map<string, RouteOperation>();
  for (const op of operations) {
    let node = root;
    for (const segment of segmentsOf(op.path)) node = child(node, segment);
    node.operations.set(op.method.toUpperCase(), op);
    exact.set(`${op.method.toUpperCase()} ${op.path}`, op);
  }
  const prefixes = [...new Set(basePaths.map((p) => p.replace(/\/+$/, "")).filter(Boolean))].sort((a, b) => b.length - a.length);
  const find = (method: string, path: string) => exact.get(`${method} ${path}`) ?? walk(root, segmentsOf(path), 0, method);
  return {
    size: operations.length,
    match(rawMethod, rawPath) {
      const method = rawMethod.toUpperCase();
      const path = rawPath.split(/[?#]/, 1)[0] ?? "";
      const direct = find(method, path);
      if (direct) return direct;
      for (const prefix of prefixes) {
        if (path === prefix || path.startsWith(`${prefix}/`)) {
          const inner = find(method, path.slice(prefix.length) || "/");
          if (inner) return inner;
        }
      }
      return null;
    },
  };
}
