// Suspends an active consumer: decisions deny it at the next call; its grants stay for when it is
// looked at again.
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { reasonInput } from "../schemas";

export const suspendConsumer = defineCommand({
  name: "consumer.suspend",
  input: reasonInput,
  permission: "consumer.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id, reason }, access) {
    const before = await tx.consumer.findFirst({ where: { id, ...access.owned("ownerId") }, select: { id: true, name: true, status: true } });
    if (!before) throw notFound("The consumer");
    const { count } = await tx.consumer.updateMany({ where: { id, status: "ACTIVE" }, data: { status: "SUSPENDED" } });
    if (count === 0) throw conflict(`${before.name} is ${before.status.toLowerCase()}: only an active consumer can be suspended.`);
    return {
      result: { id },
      audit: [
        {
          action: "consumer.suspend",
          targetType: "Consumer",
          targetId: id,
          summary: `Suspended ${before.name}. Reason: ${reason}`,
          before: { status: before.status },
          after: { status: "SUSPENDED", reason },
        },
      ],
    };
  },
});
