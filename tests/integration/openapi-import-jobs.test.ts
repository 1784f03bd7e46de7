// A large OpenAPI document is imported in the background: the caller gets its job at once and
// follows its progress; everyone else keeps being answered meanwhile; an import that fails or is
// cut short wrote nothing and says why; nobody else's job can be read.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { GET as jobRoute } from "@/app/api/v1/apis/imports/[id]/route";
import { createToken } from "@/lib/api/commands/create-token";
import { listApis } from "@/lib/catalogue/queries";
import { apiListParams } from "@/lib/catalogue/schemas";
import { BACKGROUND_FROM, importJob, startImport, type ImportJobView } from "@/lib/catalogue/import-jobs";
import type { Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";
import { createApi } from "@/lib/catalogue/commands/create-api";

let admin: Ctx;
let owner: Ctx;
let teamId: string;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  owner = await ctxFor(DEMO.owner);
  teamId = (await db.team.findFirstOrThrow()).id;
});

const input = (document: unknown, name: string) => ({ document, name, teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });

/** A document of `operations` operations, each requiring `perOperation` of 100 scopes. */
function largeDocument(operations: number, perOperation: number) {
  const scopes = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`data:s${i}`, `Scope ${i}`]));
  const names = Object.keys(scopes);
  const paths = Object.fromEntries(
    Array.from({ length: operations }, (_, i) => [
      `/r${i}`,
      { get: { responses: { "200": { description: "ok" } }, security: [{ oauth: names.slice(0, perOperation) }] } },
    ]),
  );
  return {
    openapi: "3.0.3",
    info: { title: "Large", version: "1" },
    paths,
    components: { securitySchemes: { oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://idp.example.test/token", scopes } } } } },
  };
}

const finished = (job: ImportJobView) => ["SUCCEEDED", "FAILED", "INTERRUPTED"].includes(job.status);

/** Reads the job until it has finished, keeping every view seen on the way. */
async function follow(ctx: Ctx, id: string) {
  const seen: ImportJobView[] = [];
  for (;;) {
    const job = await importJob(ctx, id);
    seen.push(job);
    if (finished(job)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a large document", () => {
  it("is written in the background, its progress told as it goes, and the job says where the API is", async () => {
    const document = largeDocument(5_000, 20);
    const started = await startImport(admin, input(document, "Large background import"));
    if (started.kind !== "job") throw new Error("a document of 100,000 pairs should run in the background");
    expect(started.job).toMatchObject({ apiName: "Large background import", operations: 5_000, pairs: 100_000 });
    expect(["QUEUED", "RUNNING"]).toContain(started.job.status);

    const seen = await follow(admin, started.job.id);
    const done = seen.at(-1);
    expect(done).toMatchObject({ status: "SUCCEEDED", percent: 100, phase: "Imported", problem: null });
    const percents = seen.flatMap((j) => (j.status === "RUNNING" && j.percent !== null ? [j.percent] : []));
    expect(
      percents.some((p) => p > 0 && p < 100),
      `progress seen: ${percents.join(", ")}`,
    ).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const apiId = done?.apiId ?? "";
    expect(await db.apiOperation.count({ where: { apiId } })).toBe(5_000);
    expect(await db.operationScope.count({ where: { operation: { apiId } } })).toBe(100_000);
    const audit = await db.auditEvent.findMany({
      where: { OR: [{ targetId: started.job.id }, { targetId: apiId }] },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(audit.map((e) => e.action)).toEqual(["api.import.start", "api.import"]);
  });

  it("does not hold up other requests: a list is answered while the import is in the middle of writing", async () => {
    const started = await startImport(admin, input(largeDocument(5_000, 20), "Large import beside a reader"));
    if (started.kind !== "job") throw new Error("expected a background import");
    let job = started.job;
    while (!(job.status === "RUNNING" && (job.percent ?? 0) > 0) && !finished(job)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = await importJob(admin, started.job.id);
    }
    expect(job.status).toBe("RUNNING");
    const listed = await listApis(admin, apiListParams.parse({}));
    expect(listed.rows.length).toBeGreaterThan(0);
    expect((await importJob(admin, started.job.id)).status).toBe("RUNNING");
    expect((await follow(admin, started.job.id)).at(-1)?.status).toBe("SUCCEEDED");
  });

  it("that fails writes nothing, and its job says why, field by field", async () => {
    // The owner may not update an API someone else owns: found inside the import's transaction.
    await runCommand(createApi, admin, {
      name: "Taken by the administrator",
      teamId,
      ownerId: admin.userId,
      environment: "STAGING",
      exposure: "INTERNAL",
      classification: "INTERNAL",
      description: "",
    });
    const before = await rowCounts();
    const started = await startImport(owner, input(largeDocument(2_000, 10), "Taken by the administrator"));
    if (started.kind !== "job") throw new Error("expected a background import");
    const done = (await follow(owner, started.job.id)).at(-1);
    expect(done?.status).toBe("FAILED");
    expect(done?.problem).toMatchObject({
      status: 422,
      errors: [{ pointer: "/name", detail: "An API with this name exists in this environment and you do not own it" }],
    });
    const after = await rowCounts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(await db.apiOperation.count({ where: { api: { name: "Taken by the administrator" } } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { targetId: started.job.id }, orderBy: { seq: "asc" }, select: { action: true, summary: true } });
    expect(audit.map((e) => e.action)).toEqual(["api.import.start", "api.import.fail"]);
  });

  it("is answered 202 with the job's address over HTTP, and the address tells the outcome", async () => {
    const token = await runCommand(createToken, admin, { name: "large importer", scopes: ["catalog:write", "catalog:read"], days: 1 });
    const headers = { Authorization: `Bearer ${token.secret}`, "Content-Type": "application/json" };
    const response = await importRoute(
      new Request("http://localhost/api/v1/apis/import", { method: "POST", headers, body: JSON.stringify(input(largeDocument(1_500, 10), "Large over HTTP")) }),
    );
    expect(response.status).toBe(202);
    const location = response.headers.get("Location") ?? "";
    const id = location.split("/").at(-1) ?? "";
    expect(location).toBe(`/api/v1/apis/imports/${id}`);
    let job = await response.json();
    while (!finished(job)) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // as a client would, within the token's rate limit
      const polled = await jobRoute(new Request(`http://localhost${location}`, { headers }), { params: Promise.resolve({ id }) });
      expect(polled.status).toBe(200);
      job = await polled.json();
    }
    expect(job).toMatchObject({ status: "SUCCEEDED", operations: 1_500, pairs: 15_000 });
  });
});

describe("a small document", () => {
  it("is imported while the caller waits", async () => {
    const started = await startImport(admin, input(largeDocument(BACKGROUND_FROM.operations, 10), "Small enough to wait for"));
    expect(started.kind).toBe("imported");
  });
});

describe("a job", () => {
  it("is read only by the person it runs for, or someone who may import for anyone", async () => {
    const started = await startImport(owner, input(largeDocument(1_200, 10), "Owner's large import"));
    if (started.kind !== "job") throw new Error("expected a background import");
    await follow(owner, started.job.id);
    expect((await importJob(admin, started.job.id)).status).toBe("SUCCEEDED");
    const otherOwner = await db.user.findFirstOrThrow({
      where: { roles: { some: { role: "OWNER" } }, id: { not: owner.userId } },
      select: { id: true, name: true, email: true, roles: { select: { role: true } } },
    });
    await expectAppError(importJob(await ctxFor(otherOwner.email), started.job.id), "NOT_FOUND");
    await expectAppError(importJob(await ctxFor(DEMO.auditor), started.job.id), "FORBIDDEN");
  });

  it("left running by a server that stopped reads as interrupted, having written nothing", async () => {
    const job = await db.apiImportJob.create({
      data: { requestedById: admin.userId, apiName: "Cut short", operations: 5_000, pairs: 50_000, createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect(await importJob(admin, job.id)).toMatchObject({
      status: "INTERRUPTED",
      problem: { detail: "The server stopped while importing this document; nothing was written. Import it again." },
    });
    const recent = await db.apiImportJob.create({ data: { requestedById: admin.userId, apiName: "Elsewhere", operations: 5_000, pairs: 50_000 } });
    expect(await importJob(admin, recent.id)).toMatchObject({ status: "RUNNING", percent: null, phase: "Importing on another server" });
  });
});
