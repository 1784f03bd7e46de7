// Creates or updates an API from its OpenAPI 3.x or Swagger 2.0 document: every OAuth2 scope
// becomes a Scope, each operation keeps the scopes its security requirement names, insecure
// flows are flagged. A scope some grant still holds is never deleted. Updating an existing API
// needs the right to change it.
import { insertRows, type Column } from "@/lib/server/bulk-insert";
import { defineCommand } from "@/lib/server/command";
import { hostOf } from "../identities";
import { importInput, planImport, readImport } from "../openapi-import";
import { effectiveOwner } from "../ownership";

const OPERATION_COLUMNS: Column[] = [
  { name: "id", type: "text" },
  { name: "apiId", type: "text" },
  { name: "method", type: "text" },
  { name: "path", type: "text" },
  { name: "operationId", type: "text" },
  { name: "summary", type: "text" },
  { name: "scopeFree", type: "bool" },
];
const PAIR_COLUMNS: Column[] = [
  { name: "operationId", type: "text" },
  { name: "requirement", type: "int" },
  { name: "scopeId", type: "text" },
];

export const importApi = defineCommand({
  name: "api.import",
  input: importInput,
  permission: "api.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user" },
  timeout: 60_000,
  // Reading and validating a document of up to 20 MB happens before the transaction opens.
  prepare: readImport,
  async execute(tx, input, access, prepared) {
    const { parsed: read, jobId, onProgress } = prepared ?? (await readImport(input));
    const plan = await planImport(tx, access, input, read);
    const { parsed, summary } = plan;
    const flags = {
      declaresImplicitFlow: parsed.implicitFlow,
      declaresPasswordFlow: parsed.passwordFlow,
      importedFrom: input.source ?? summary.version,
      importedAt: new Date(),
    };
    let apiId = plan.existingId;
    if (apiId) {
      await tx.api.update({ where: { id: apiId }, data: flags });
    } else {
      const api = await tx.api.create({
        data: {
          name: plan.name,
          teamId: input.teamId,
          ownerId: effectiveOwner(access, input.ownerId),
          environment: input.environment,
          exposure: input.exposure,
          classification: input.classification,
          ...flags,
        },
      });
      apiId = api.id;
    }
    const now = new Date();
    await tx.scope.createMany({ data: summary.added.map((s) => ({ apiId, name: s.name, level: s.level, description: parsed.scopes.get(s.name) ?? "" })) });
    if (summary.restored.length) await tx.scope.updateMany({ where: { apiId, name: { in: summary.restored } }, data: { removedAt: null } });
    if (summary.keptWhileGranted.length)
      await tx.scope.updateMany({ where: { apiId, name: { in: summary.keptWhileGranted }, removedAt: null }, data: { removedAt: now } });
    // Human roles' baselines lose a deleted scope: each such change is audited, never silent.
    const baselines = summary.removed.length
      ? await tx.jobRoleScope.findMany({
          where: { scope: { apiId, name: { in: summary.removed } } },
          select: { roleId: true, role: { select: { name: true } }, scope: { select: { name: true } } },
        })
      : [];
    if (summary.removed.length) await tx.scope.deleteMany({ where: { apiId, name: { in: summary.removed }, grants: { none: {} }, requests: { none: {} } } });
    // Operations are the document's, replaced whole: they carry no history of their own.
    await tx.apiOperation.deleteMany({ where: { apiId } });
    const scopeIds = new Map((await tx.scope.findMany({ where: { apiId }, select: { id: true, name: true } })).map((s) => [s.name, s.id]));
    const operationIds = parsed.operations.map((_, i) => `${apiId}-op-${i}`);
    // Up to 10,000 operations and 100,000 (operation, scope) pairs: written in bulk, not row by row.
    const operations = parsed.operations.map((o, i) => ({
      id: operationIds[i],
      apiId,
      method: o.method,
      path: o.path,
      operationId: o.operationId,
      summary: o.summary,
      scopeFree: o.scopeFree,
    }));
    const pairs = parsed.operations.flatMap((o, i) =>
      o.requirements.flatMap((set, requirement) =>
        set.flatMap((s) => {
          const scopeId = scopeIds.get(s);
          return scopeId ? [{ operationId: operationIds[i], requirement, scopeId }] : [];
        }),
      ),
    );
    // The document's servers name the API from outside; one already naming another API stays
    // that API's (the preview lists it), and addresses added by hand are kept.
    if (summary.baseUrls.added.length)
      await tx.apiAddress.createMany({ data: summary.baseUrls.added.map((value) => ({ apiId, kind: "BASE_URL" as const, value, host: hostOf(value) })) });
    await insertRows(tx, "ApiOperation", OPERATION_COLUMNS, operations, {
      onRows: (done) => onProgress?.({ phase: "operations", done, total: operations.length }),
    });
    await insertRows(tx, "OperationScope", PAIR_COLUMNS, pairs, { onRows: (done) => onProgress?.({ phase: "pairs", done, total: pairs.length }) });
    // A background import's job reads as done exactly when its import has committed.
    if (jobId) await tx.apiImportJob.update({ where: { id: jobId }, data: { status: "SUCCEEDED", apiId, result: summary, finishedAt: new Date() } });
    const byRole = new Map<string, { name: string; scopes: string[] }>();
    for (const b of baselines) byRole.set(b.roleId, { name: b.role.name, scopes: [...(byRole.get(b.roleId)?.scopes ?? []), b.scope.name] });
    return {
      result: { id: apiId, ...summary },
      audit: [
        {
          action: "api.import",
          targetType: "Api",
          targetId: apiId,
          summary: `Imported ${plan.name} from ${summary.version}: ${summary.scopes} scopes (${summary.added.length} added, ${summary.removed.length} removed${summary.keptWhileGranted.length ? `, ${summary.keptWhileGranted.length} marked removed while still named by grants or requests` : ""}${summary.restored.length ? `, ${summary.restored.length} back` : ""}), ${summary.operations} operations`,
          after: summary,
        },
        ...[...byRole].map(([roleId, role]) => ({
          action: "role.baseline",
          targetType: "JobRole",
          targetId: roleId,
          summary: `Baseline of ${role.name} lost ${role.scopes.join(", ")} on ${plan.name}: the API's document no longer declares them`,
          before: { scopes: role.scopes },
          after: { scopes: [] },
        })),
      ],
    };
  },
});
