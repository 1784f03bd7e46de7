// A real OpenID provider for the end-to-end suite: oidc-provider (the certified Node
// implementation) on a loopback port, with the console registered as a client and the people of
// accounts.json. Like many providers it releases email and groups through userinfo, not in the
// ID token. Tests steer it through /__test: change a person's claims, or make it fail the way
// providers fail (down, a token endpoint that hangs, an ID token tampered with or signed by
// another key).
//   tsx e2e/oidc/provider.ts   (port OIDC_TEST_PORT, default 3112)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from "jose";
import Provider from "oidc-provider";

const PORT = Number(process.env.OIDC_TEST_PORT ?? 3112);
const ISSUER = `http://127.0.0.1:${PORT}`;
const CONSOLE = process.env.OIDC_TEST_CONSOLE ?? "http://127.0.0.1:3111";

type Claims = Record<string, unknown>;
const initial = JSON.parse(readFileSync(join(import.meta.dirname, "accounts.json"), "utf8")) as Record<string, Claims>;
const accounts = new Map(Object.entries(initial));
type Mode = "normal" | "down" | "hang" | "tamper" | "foreign-key";
let mode: Mode = "normal";

const oidc = new Provider(ISSUER, {
  clients: [
    {
      client_id: "scopeward-e2e",
      client_secret: "scopeward-e2e-client-secret",
      redirect_uris: [`${CONSOLE}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  findAccount: (_ctx, id) => (accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["scopeward-e2e-provider-cookies"] },
});

// Another key than the provider's, to sign an ID token the console must refuse.
const foreign = await generateKeyPair("RS256");

oidc.use(async (ctx, next) => {
  await next();
  if (ctx.path !== "/token" || (mode !== "tamper" && mode !== "foreign-key")) return;
  const body: unknown = ctx.body;
  if (typeof body !== "object" || body === null || !("id_token" in body) || typeof body.id_token !== "string") return;
  const idToken = body.id_token;
  if (mode === "tamper") {
    // The same claims with one more: the signature no longer matches.
    const [header, , signature] = idToken.split(".");
    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(idToken), email: "admin@scopeward.test" })).toString("base64url");
    ctx.body = { ...body, id_token: `${header}.${claims}.${signature}` };
  } else {
    const { kid } = decodeProtectedHeader(idToken);
    ctx.body = { ...body, id_token: await new SignJWT(decodeJwt(idToken)).setProtectedHeader({ alg: "RS256", ...(kid && { kid }) }).sign(foreign.privateKey) };
  }
});

const handle = oidc.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", ISSUER);
  if (url.pathname.startsWith("/__test/")) return control(url, req, res);
  if (mode === "down") {
    res.writeHead(503, { "Content-Type": "text/plain" }).end("down for the test");
    return;
  }
  // A token endpoint that never answers: the console must give up on its own.
  if (mode === "hang" && url.pathname === "/token") return;
  handle(req, res);
});

function control(url: URL, req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (url.pathname === "/__test/mode") mode = JSON.parse(body).mode;
    else if (url.pathname.startsWith("/__test/accounts/")) accounts.set(decodeURIComponent(url.pathname.slice("/__test/accounts/".length)), JSON.parse(body));
    else if (url.pathname === "/__test/reset") {
      mode = "normal";
      for (const [id, claims] of Object.entries(initial)) accounts.set(id, claims);
    }
    res.writeHead(204).end();
  });
}

server.listen(PORT, "127.0.0.1", () => console.log(`test OpenID provider at ${ISSUER}`));
