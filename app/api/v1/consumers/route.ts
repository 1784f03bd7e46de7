import { routeMethods } from "@/lib/api/methods";
import { collectionRoutes } from "@/lib/api/routes";
import { catalog } from "@/lib/api/resources";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods(collectionRoutes(catalog.consumers));
