import { CallbackRouteError, CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { isExpectedSignInFailure } from "./expected-failure";

describe("isExpectedSignInFailure", () => {
  it("knows a refused password whatever its class is called after minifying", () => {
    // What the production build does to class names: the subclass and the error's name become short.
    const e = class extends CredentialsSignin {};
    const minified = new e();
    minified.name = "e";
    expect(isExpectedSignInFailure(minified)).toBe(true);
    expect(isExpectedSignInFailure(new CredentialsSignin())).toBe(true);
  });

  it("leaves every other sign-in error to be logged", () => {
    expect(isExpectedSignInFailure(new CallbackRouteError("provider down"))).toBe(false);
    const named = new Error("not a password refusal");
    named.name = "CredentialsSignin";
    expect(isExpectedSignInFailure(named)).toBe(false);
  });
});
