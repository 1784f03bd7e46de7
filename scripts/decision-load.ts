// Load for the decision point, in a process of its own as gateways are: `npm run bench`
// starts it, so that the benchmark's own heap (a launch, recomputes) and its garbage
// collection pauses never stand in the measured latencies. Reads its orders as JSON on stdin
// and prints the latencies, sorted, as JSON on stdout.
//
//   { url, token, clients, perClient, ratePerClient?, questions: [body, …] }
//
// Without ratePerClient each client asks again the moment an answer arrives (closed loop: the
// server's saturation); with it each client asks that many times a second, as a gateway
// forwarding traffic does (open loop: the latency a call sees at that load).
import http from "node:http";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { cycleAt } from "../lib/lists/cycle";

const orders = z.object({
  url: z.url(),
  token: z.string().min(1),
  clients: z.number().int().min(1),
  perClient: z.number().int().min(1),
  ratePerClient: z.number().positive().optional(),
  // Request bodies as the endpoint takes them: decisions or AuthZEN evaluations.
  questions: z.array(z.record(z.string(), z.unknown())).min(1),
});

// Keep-alive connections, as a gateway holds them, one per client.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function post(url: string, token: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${response.statusCode} ${Buffer.concat(chunks).toString()}`)),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const o = orders.parse(JSON.parse(input));
  const bodies = o.questions.map((q) => JSON.stringify(q));
  const ask = (i: number) => post(o.url, o.token, cycleAt(bodies, i));
  // Connections opened and the server's code paths warm before anything is timed.
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      for (let i = 0; i < 5; i++) await ask(c * 5 + i);
    }),
  );
  const latencies: number[] = [];
  const interval = o.ratePerClient ? 1000 / o.ratePerClient : 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      // Paced clients are spread evenly over one interval rather than all asking at once.
      const start = performance.now() + (c * interval) / o.clients;
      for (let i = 0; i < o.perClient; i++) {
        if (interval) {
          const wait = start + i * interval - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const t = performance.now();
        await ask(c * o.perClient + i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ latencies, perSecond: Math.round(latencies.length / seconds) }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
