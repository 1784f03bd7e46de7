// Runs before each test file, before it imports anything from lib/: points the app's
// database singleton at a fresh copy of the template made for this file alone.
import { basename } from "node:path";
import { expect } from "vitest";
import { freshDatabase } from "./databases";

const file = basename(expect.getState().testPath ?? `file-${process.pid}`).replace(/\.test\.ts$/, "");
process.env.DATABASE_URL = await freshDatabase(`${file}_${process.pid}`);
