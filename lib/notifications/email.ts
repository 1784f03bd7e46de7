// Email through the SMTP server SMTP_URL names (smtp://user:pass@host:port or smtps://…).
import nodemailer from "nodemailer";
import { env } from "@/lib/server/env";

let transport: nodemailer.Transporter | undefined;

export async function sendEmail(to: string, subject: string, text: string) {
  const url = env().SMTP_URL;
  if (!url) return;
  transport ??= nodemailer.createTransport(url);
  await transport.sendMail({ from: "Scopeward <no-reply@scopeward.local>", to, subject: `[Scopeward] ${subject}`, text });
}
