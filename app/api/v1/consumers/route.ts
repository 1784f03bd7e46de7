import { collectionRoutes } from "@/lib/api/routes";
import { catalog } from "@/lib/api/resources";

export const { GET, POST } = collectionRoutes(catalog.consumers);
