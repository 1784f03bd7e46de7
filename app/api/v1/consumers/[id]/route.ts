import { routeMethods } from "@/lib/api/methods";
import { itemRoutes } from "@/lib/api/routes";
import { catalog } from "@/lib/api/resources";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods(itemRoutes(catalog.consumers));
