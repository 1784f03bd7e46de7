import { describe, expect, it } from "vitest";
import { emailBody } from "./email-body";

describe("a notice's email", () => {
  it("links absolutely to the console's public origin", () => {
    expect(emailBody({ body: "3 items to review", link: "/reviews/inbox" }, "https://console.example.com")).toBe(
      "3 items to review\n\nOpen: https://console.example.com/reviews/inbox",
    );
  });
  it("says no more than the body when there is no link", () => {
    expect(emailBody({ body: "Done", link: null }, "https://console.example.com")).toBe("Done");
  });
});
