// The worker thread's entry: loads the TypeScript worker through tsx, as the scripts run.
import { tsImport } from "tsx/esm/api";

await tsImport("./openapi-document.worker.ts", import.meta.url);
