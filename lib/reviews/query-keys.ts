// React Query keys of the review screens, in one place so that mutations invalidate exactly what they change.
export const reviewKeys = {
  all: ["reviews"] as const,
  inbox: (page: number, campaignId?: string) => ["reviews", "inbox", page, campaignId ?? "all"] as const,
};
