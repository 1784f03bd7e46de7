// The operators' page (docs/GATEWAYS.md) says what works: its AuthZEN example gets the answer it
// shows from the demo organisation, its OpenTelemetry Collector configuration names the endpoint,
// encoding and token the OTLP route takes (and the collector's own JSON, gzipped as configured,
// is accepted), and its gateway configurations are well-formed YAML. Kong and Envoy cannot run
// here, so their configurations are checked for form only.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as otlpRoute } from "@/app/api/v1/otlp/v1/traces/route";
import { createToken } from "@/lib/api/commands/create-token";
import { startDecisionServer } from "@/lib/api/decision-server";
import { runCommand } from "@/lib/server/command";
import { DEMO, ctxFor } from "./helpers";

const page = readFileSync(join(__dirname, "../../docs/GATEWAYS.md"), "utf8");

/** The fenced block of the page with this title. */
function block(title: string): string {
  const match = new RegExp('```\\w+ title="' + title.replace(".", "\\.") + '"\\n([\\s\\S]*?)\\n```').exec(page);
  if (!match?.[1]) throw new Error(`docs/GATEWAYS.md has no block titled ${title}`);
  return match[1];
}

let server: Server;
let pdp: string;
let tokens: { decisions: string; telemetry: string };

beforeAll(async () => {
  const admin = await ctxFor(DEMO.admin);
  server = await startDecisionServer(0, "127.0.0.1");
  pdp = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokens = {
    decisions: (await runCommand(createToken, admin, { name: "docs gateway", scopes: ["decisions:read"], days: 1 })).secret,
    telemetry: (await runCommand(createToken, admin, { name: "docs collector", scopes: ["telemetry:write"], days: 1 })).secret,
  };
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("docs/GATEWAYS.md", () => {
  it("its AuthZEN example gets the answer it shows", async () => {
    const response = await fetch(`${pdp}/access/v1/evaluation`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokens.decisions}` },
      body: block("evaluation-request.json"),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject(JSON.parse(block("evaluation-response.json")));
  });

  it("its collector configuration is one the OTLP route takes", async () => {
    const config = parseYaml(block("otel-collector.yaml"));
    const exporter = config.exporters["otlphttp/scopeward"];
    expect(new URL(exporter.traces_endpoint).pathname).toBe("/api/v1/otlp/v1/traces");
    expect(config.service.pipelines["traces/scopeward"].exporters).toContain("otlphttp/scopeward");
    const authorization = String(exporter.headers.Authorization).replace("${env:SCOPEWARD_TOKEN}", tokens.telemetry);
    const body = readFileSync(join(__dirname, "../fixtures/otlp/collector-export.json"));
    const response = await otlpRoute(
      new Request(exporter.traces_endpoint, {
        method: "POST",
        headers: {
          "Content-Type": exporter.encoding === "json" ? "application/json" : "application/x-protobuf",
          ...(exporter.compression === "gzip" && { "Content-Encoding": "gzip" }),
          Authorization: authorization,
        },
        body: exporter.compression === "gzip" ? gzipSync(body) : body,
      }),
    );
    expect(response.status).toBe(200);
    // The fixture's consumers and hosts are not the demo's: every call is reported, none stored.
    expect((await response.json()).partialSuccess.errorMessage).toContain("unknown hosts: todo.example.test");
  });

  it("its gateway configurations are well-formed", () => {
    const kong = parseYaml(block("kong.yaml"));
    expect(kong.services[0].plugins[0].config.pdp_url).toMatch(/^https:\/\//);
    const envoy = parseYaml(block("envoy.yaml"));
    expect(envoy.http_filters[0].typed_config.failure_mode_allow).toBe(false);
  });
});
