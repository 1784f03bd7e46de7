// `npm run token:create -- --name N --scopes a,b --days D`: creates a console API token and
// prints it once. Only its hash is stored; the creation is audited with the CLI as actor.
import { parseArgs } from "node:util";
import { createToken } from "../lib/api/tokens";
import { db } from "../lib/server/db";
import { AppError } from "../lib/server/errors";

const { values } = parseArgs({ options: { name: { type: "string" }, scopes: { type: "string" }, days: { type: "string" }, json: { type: "boolean" } } });
try {
  const token = await createToken({ kind: "SYSTEM", label: "npm run token:create" }, null, { name: values.name, scopes: values.scopes, days: values.days });
  if (values.json) {
    console.log(JSON.stringify(token));
  } else {
    console.log(`Token ${token.name} (${token.scopes.join(", ")}), expires ${token.expiresAt.toISOString().slice(0, 10)}:\n\n  ${token.secret}\n\nIt is shown this once; only its hash is kept.`);
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.message}\n${Object.entries(error.fieldErrors ?? {}).map(([field, messages]) => `  --${field}: ${messages.join(" ")}`).join("\n")}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
