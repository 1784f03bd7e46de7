import { itemRoutes } from "@/lib/api/routes";
import { catalog } from "@/lib/api/resources";

export const { GET, PATCH, DELETE } = itemRoutes(catalog.consumers);
