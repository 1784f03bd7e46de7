// With SMTP_URL set, notices also go out by email, to a real SMTP conversation on loopback.
import type { Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Settings are read once, at first use: the port is chosen before any app module loads.
const port = vi.hoisted(() => {
  const chosen = 20000 + (process.pid % 20000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${chosen}`;
  return chosen;
});

import { db } from "@/lib/server/db";
import { notify } from "@/lib/notifications/service";
import { smtpServer } from "./smtp";

const received: string[] = [];
let server: Server;

beforeAll(async () => {
  server = smtpServer(received);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("email notices", () => {
  it("sends a notice by email once, and records that it did", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@scopeward.test" } });
    const notice = {
      userId: owner.id,
      kind: "review.reminder",
      title: "3 items waiting",
      body: "Due soon.",
      link: "/reviews/inbox",
      dedupeKey: "email-test-1",
    };
    expect(await notify(notice)).toBe(true);
    expect(await notify(notice)).toBe(false);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("To: owner@scopeward.test");
    expect(received[0]).toContain("Subject: [Scopeward] 3 items waiting");
    expect(received[0]).toContain("/reviews/inbox");
    expect((await db.notification.findUniqueOrThrow({ where: { dedupeKey: "email-test-1" } })).emailedAt).not.toBeNull();
  });

  it("keeps the in-app notice when the mail server is down", async () => {
    await new Promise((resolve) => server.close(resolve));
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@scopeward.test" } });
    expect(await notify({ userId: owner.id, kind: "review.reminder", title: "Down", body: "", dedupeKey: "email-test-2" })).toBe(true);
    expect((await db.notification.findUniqueOrThrow({ where: { dedupeKey: "email-test-2" } })).emailedAt).toBeNull();
    server = smtpServer(received);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  });
});
