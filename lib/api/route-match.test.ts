import { describe, expect, it } from "vitest";
import { compileRoutes, type RouteOperation } from "./route-match";

const op = (method: string, path: string): RouteOperation => ({ method, path, scopeFree: false, requirements: [[`${method} ${path}`]] });

describe("compileRoutes", () => {
  const table = compileRoutes(
    [
      op("GET", "/todos/{id}"),
      op("GET", "/todos/mine"),
      op("GET", "/todos/{id}/items/{itemId}"),
      op("GET", "/todos/mine/items/{itemId}"),
      op("GET", "/files/{name}.json"),
      op("GET", "/files/{path}"),
      op("POST", "/todos"),
      op("GET", "/"),
    ],
    ["/api/v2"],
  );
  const matched = (method: string, path: string) => table.match(method, path)?.path ?? null;

  it("matches a concrete path to its template, a literal segment before a parameter", () => {
    expect(matched("GET", "/todos/42")).toBe("/todos/{id}");
    expect(matched("GET", "/todos/mine")).toBe("/todos/mine");
    expect(matched("GET", "/todos/mine/items/3")).toBe("/todos/mine/items/{itemId}");
    expect(matched("GET", "/todos/7/items/3")).toBe("/todos/{id}/items/{itemId}");
  });

  it("prefers a segment with a literal part to a whole-segment parameter", () => {
    expect(matched("GET", "/files/report.json")).toBe("/files/{name}.json");
    expect(matched("GET", "/files/report.csv")).toBe("/files/{path}");
  });

  it("backtracks when the literal branch leads nowhere", () => {
    // /todos/mine/items/x exists under both; /todos/mine/other exists under neither.
    expect(matched("GET", "/todos/mine/other")).toBeNull();
    const deep = compileRoutes([op("GET", "/a/b/c"), op("GET", "/a/{x}/d")]);
    expect(deep.match("GET", "/a/b/d")?.path).toBe("/a/{x}/d");
  });

  it("takes the template itself, a query string, a trailing slash, HEAD as GET and the API's base path", () => {
    expect(matched("get", "/todos/{id}")).toBe("/todos/{id}");
    expect(matched("GET", "/todos/42?expand=1")).toBe("/todos/{id}");
    expect(matched("GET", "/todos/42/")).toBe("/todos/{id}");
    expect(matched("HEAD", "/todos/42")).toBe("/todos/{id}");
    expect(matched("GET", "/api/v2/todos/42")).toBe("/todos/{id}");
    expect(matched("GET", "/")).toBe("/");
  });

  it("finds nothing for an undeclared method or path", () => {
    expect(matched("DELETE", "/todos/42")).toBeNull();
    expect(matched("GET", "/elsewhere")).toBeNull();
    expect(matched("POST", "/todos/42")).toBeNull();
  });
});
