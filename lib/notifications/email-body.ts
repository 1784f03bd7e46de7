// A notice as an email's text. A mail client cannot open "/reviews/inbox": links go out
// absolute, on the console's public origin (APP_URL). Without one set, the path is all there is.
export function emailBody(notice: { body: string; link?: string | null }, origin: string | undefined): string {
  if (!notice.link) return notice.body;
  const link = notice.link.startsWith("/") && origin ? `${origin}${notice.link}` : notice.link;
  return `${notice.body}\n\nOpen: ${link}`;
}
