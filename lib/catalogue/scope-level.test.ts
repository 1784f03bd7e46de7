import { describe, expect, it } from "vitest";
import { inferLevel } from "./scope-level";

describe("a scope's level from its document", () => {
  it("reads the name, as providers usually spell it", () => {
    expect(inferLevel("playlist-modify-public")).toBe("WRITE");
    expect(inferLevel("user-read-playback-state")).toBe("READ");
    expect(inferLevel("admin:org")).toBe("ADMIN");
  });

  it("reads the description where the name says nothing (Xero, Google Drive)", () => {
    expect(inferLevel("accounting.transactions", "Grant read-write access to bank transactions, credit notes, invoices")).toBe("WRITE");
    expect(inferLevel("accounting.transactions.read", "Grant read-only access to bank transactions, credit notes, invoices")).toBe("READ");
    expect(inferLevel("https://www.googleapis.com/auth/drive", "See, edit, create, and delete all of your Google Drive files")).toBe("WRITE");
    expect(inferLevel("https://www.googleapis.com/auth/drive.readonly", "See and download all your Google Drive files")).toBe("READ");
    expect(inferLevel("openid", "Full access to the organisation's settings")).toBe("ADMIN");
  });

  it("is at least write when a writing operation requires it", () => {
    expect(inferLevel("accounting.settings", "", ["GET", "POST"])).toBe("WRITE");
    expect(inferLevel("files", "", ["GET"])).toBe("READ");
    expect(inferLevel("org", "administer everything", ["GET"])).toBe("ADMIN");
  });
});
