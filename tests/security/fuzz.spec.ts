// A fuzz pass over every /api/v1 write and every server action, as an administrator (who may
// make every change, so nothing is refused for want of rights): malformed JSON, wrong types,
// oversized strings and arrays, control characters, unknown fields and ids. Every answer is a
// 4xx or a refusal in the action's result, never a 5xx or an internal error, and no row changes.
import { expect, test } from "@playwright/test";
import { request } from "@playwright/test";
import { loadRecords } from "./records";
import { baseURL, callAction, contextOf, digest, people, serverActions, tokens } from "./server";

const HUGE = "x".repeat(200_000);
const MANY = Array.from({ length: 20_000 }, () => "x");

/** Values each field of a body is set to, one body per value. */
const VALUES: unknown[] = [
  42,
  -1,
  1e308,
  true,
  null,
  [],
  {},
  "",
  HUGE,
  MANY,
  "a\u0000b",
  "\u001b[31mred\u0007",
  "no-such-id",
  "<script>alert(1)</script>",
  { $ne: null },
];

/** Bodies that are not the JSON an endpoint or action takes at all. */
const RAW = [
  '{"__proto__":{"polluted":true}}',
  "{",
  "[1,",
  "nul",
  "\u0000",
  '{"a":1}{"b":2}',
  "[]",
  "42",
  '"text"',
  "null",
  "[".repeat(10_000) + "]".repeat(10_000),
];

type Write = { method: string; path: string; fields: string[] };

async function writes(): Promise<Write[]> {
  const context = await request.newContext({ baseURL });
  const document = (await (await context.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  await context.dispose();
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      // A path item holds its methods and, beside them, the parameters they share.
      .filter(([method]) => ["post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => {
        const ref = op.requestBody?.content?.["application/json"]?.schema?.$ref;
        const schema = ref ? document.components.schemas[ref.split("/").pop()!] : undefined;
        return { method: method.toUpperCase(), path, fields: Object.keys(schema?.properties ?? {}) };
      }),
  );
}

test("every /api/v1 write answers malformed bodies with a 4xx and writes nothing", async () => {
  test.setTimeout(300_000);
  const token = tokens().admin;
  const records = loadRecords();
  const realId: Record<string, string | undefined> = {
    apis: records.api[0]?.id,
    consumers: records.consumer[0]?.id,
    credentials: records.credential[0]?.id,
    grants: records.grant[0]?.id,
  };
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const before = digest();
  const failures: string[] = [];
  let sent = 0;
  for (const write of await writes()) {
    // Unknown ids, and the real records an administrator may change: only a malformed body stands between them and a change.
    const paths = write.path.includes("{id}")
      ? [write.path.replace("{id}", "no-such-id"), write.path.replace("{id}", realId[write.path.split("/")[1]!] ?? "no-such-id")]
      : [write.path];
    const fields = write.fields.length ? write.fields : ["unknown"];
    const bodies: { data: string; type: string }[] = [
      ...RAW.map((data) => ({ data, type: "application/json" })),
      ...VALUES.map((value) => ({ data: JSON.stringify(Object.fromEntries(fields.map((f) => [f, value]))), type: "application/json" })),
      ...fields.map((f) => ({ data: JSON.stringify({ [f]: HUGE, unknownField: 1 }), type: "application/json" })),
      { data: '{"name":"x"}', type: "text/plain" },
      { data: "x".repeat(9_000_000), type: "application/json" },
    ];
    for (const path of paths) {
      for (const body of bodies) {
        const label = `${write.method} ${path} ${body.data.slice(0, 60)}`;
        sent++;
        try {
          const response = await context.fetch(`/api/v1${path}`, { method: write.method, headers: { "Content-Type": body.type }, data: body.data });
          const status = response.status();
          if (status >= 500 || status < 400) failures.push(`${label}: ${status}`);
        } catch (error) {
          // A connection cut instead of an answer is a failure too: the caller is told nothing.
          failures.push(`${label}: ${String(error).split("\n")[0]}`);
        }
      }
    }
  }
  await context.dispose();
  expect(sent).toBeGreaterThan(500);
  expect(failures).toEqual([]);
  expect(digest()).toEqual(before);
});

// The sign-out actions take no arguments: called, they would end the session the pass runs in.
const NO_INPUT = new Set(["signOutAction", "signOutEverywhereAction"]);

test("every server action answers malformed calls with a refusal and writes nothing", async () => {
  test.setTimeout(300_000);
  const admin = people().find((p) => p.role === "admin")!;
  const context = await contextOf(admin);
  const signedOut = await contextOf("signed out");
  const calls: ({ raw: string } | unknown[])[] = [
    ...RAW.map((raw) => ({ raw })),
    [],
    [null],
    [42],
    ["x".repeat(1_500_000)],
    ["x".repeat(3_000_000)],
    [MANY],
    [null, {}],
    [null, { name: "a\u0000b", id: "no-such-id", itemId: "no-such-id", unknown: true }],
    ["no-such-id", null, { id: "no-such-id" }],
    [{ itemId: "no-such-id", decision: "APPROVE", comment: HUGE }],
    [{ itemIds: MANY, action: "APPROVE", comment: "" }],
    [{ kind: "grants", csv: "consumer,api,scopes,justification\n\u0000,x,y,z" }],
    [{ name: "x", document: "\u0000" }],
    // React's decoder drops a "__proto__" key on its own; "constructor" reaches the action.
    [{ constructor: { prototype: { polluted: true } } }],
  ];
  const before = digest();
  const failures: string[] = [];
  for (const action of serverActions()) {
    if (NO_INPUT.has(action.name)) continue;
    // The sign-in forms are for those signed out; every other action for the administrator.
    const caller = action.name.startsWith("signIn") ? signedOut : context;
    for (const args of calls) {
      const answer = await callAction(caller, action.id, args);
      const label = "raw" in args ? `raw ${args.raw.slice(0, 30)}` : JSON.stringify(args).slice(0, 60);
      // Single sign-on answers anything with its redirect to the provider, which writes nothing.
      const succeeded = answer.ok && action.name !== "signInWithSsoAction";
      if (answer.status >= 500 || answer.code === "INTERNAL" || answer.code === "THROWN" || succeeded)
        failures.push(`${action.name} ${label}: ${answer.status} ${answer.code ?? ""} ${answer.body.slice(0, 120)}`);
    }
  }
  await context.dispose();
  await signedOut.dispose();
  expect(failures).toEqual([]);
  expect(digest()).toEqual(before);
});
