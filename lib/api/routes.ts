// Route handlers for the catalogue resources, built once for all four: a collection
// (list, create) and an item (read, update, delete or revoke).
import { apiRoute, json, readJson, searchParams } from "./http";
import { catalog } from "./resources";

type Resource = (typeof catalog)[keyof typeof catalog];

export function collectionRoutes(resource: Resource) {
  return {
    GET: apiRoute("catalog:read", async (_ctx, request) => json(await resource.list(searchParams(request)))),
    POST: apiRoute("catalog:write", async (ctx, request) => json(await resource.create(ctx, await readJson(request)), 201)),
  };
}

export function itemRoutes(resource: Resource) {
  type Params = { id: string };
  return {
    GET: apiRoute<Params>("catalog:read", async (_ctx, _request, { id }) => json(await resource.read(id))),
    PATCH: apiRoute<Params>("catalog:write", async (ctx, request, { id }) => json(await resource.update(ctx, id, await readJson(request)))),
    DELETE: apiRoute<Params>("catalog:write", async (ctx, request, { id }) => {
      // A reason may come as a JSON body; an empty body is fine.
      const body = (await request.clone().text()).trim() ? await readJson(request) : {};
      const after = await resource.remove(ctx, id, body);
      return after ? json(after) : new Response(null, { status: 204 });
    }),
  };
}
