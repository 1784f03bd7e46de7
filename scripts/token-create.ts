// `npm run token:create -- --as EMAIL --name N --scopes a,b --days D`: creates a console API
// token for the named person (an active administrator or owner: the token acts for them) and
// prints it once. Only its hash is stored; the creation is audited as theirs, from the command line.
import { parseArgs } from "node:util";
import { createToken } from "../lib/api/commands/create-token";
import { contextFor } from "../lib/server/authz";
import { runCommand } from "../lib/server/command";
import { db } from "../lib/server/db";
import { AppError } from "../lib/server/errors";

const { values } = parseArgs({
  options: { as: { type: "string" }, name: { type: "string" }, scopes: { type: "string" }, days: { type: "string" }, json: { type: "boolean" } },
});
try {
  const email = values.as?.trim().toLowerCase();
  if (!email) throw new AppError("VALIDATION", "Name the person the token acts for.", { as: ["The email of an active administrator or owner"] });
  const user = await db.user.findFirst({ where: { email, active: true }, select: { id: true, name: true, email: true, roles: { select: { role: true } } } });
  if (!user) throw new AppError("VALIDATION", "Name the person the token acts for.", { as: [`No active user ${email}`] });
  const ctx = contextFor(user);
  const token = await runCommand(
    createToken,
    { ...ctx, actor: { ...ctx.actor, label: `${user.email} (npm run token:create)` } },
    { name: values.name, scopes: values.scopes, days: values.days },
  );
  if (values.json) {
    console.log(JSON.stringify(token));
  } else {
    console.log(
      `Token ${token.name} (${token.scopes.join(", ")}) acting for ${user.email}, expires ${token.expiresAt.toISOString().slice(0, 10)}:\n\n  ${token.secret}\n\nIt is shown this once; only its hash is kept.`,
    );
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(
    `${error.message}\n${Object.entries(error.fieldErrors ?? {})
      .map(([field, messages]) => `  --${field}: ${messages.join(" ")}`)
      .join("\n")}`,
  );
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
