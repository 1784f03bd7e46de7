// The decision point in a process of its own, started as a fresh instance starts it: nothing
// has queried the database before the first call arrives. Prints the port it listens on.
//   tsx tests/integration/decision-point-process.ts
import type { AddressInfo } from "node:net";
import { startDecisionServer } from "@/lib/api/decision-server";

const server = await startDecisionServer(0, "127.0.0.1");
console.log(`listening ${(server.address() as AddressInfo).port}`);
