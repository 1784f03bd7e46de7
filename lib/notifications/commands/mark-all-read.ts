// Marks the caller's own notices read; nobody else's can be touched (the user id is in the `where`).
import { counted } from "@/lib/format";
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const markAllRead = defineCommand({
  name: "notification.read",
  input: z.strictObject({}),
  permission: "self",
  callers: { USER: true },
  async execute(tx, _input, access) {
    const { count } = await tx.notification.updateMany({ where: { userId: access.ctx.userId, readAt: null }, data: { readAt: new Date() } });
    if (count === 0) return { result: { count }, audit: [] };
    return {
      result: { count },
      audit: [{ action: "notification.read", targetType: "User", targetId: access.ctx.userId, summary: `Marked ${counted(count, "notice")} read` }],
    };
  },
});
