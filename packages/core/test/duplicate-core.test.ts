/**
 * Two copies of core in one app: a user who upgrades one provider package past a core minor (0.x carets
 * match one minor) gets a second core nested under it, and the other packages keep the first. An error made
 * by either copy is still an instance of both copies' classes, as the README's `instanceof` checks expect
 * whichever package they import the class from.
 */
import { describe, expect, it } from "vitest";
import * as first from "../src/errors.js";

describe("errors across two copies of core", () => {
  it("are instances of either copy's class, by name, and nothing else is", async () => {
    // The query makes the module loader evaluate the file again: a second copy with its own classes.
    const copy = "../src/errors.js?second-copy"; // a variable: TypeScript resolves no query
    const second = (await import(copy)) as typeof first;
    expect(second.SwitchboardError).not.toBe(first.SwitchboardError);
    const error = new second.SwitchboardError({ kind: "timeout", provider: "telnyx" });
    expect(error).toBeInstanceOf(first.SwitchboardError);
    expect(error).toBeInstanceOf(Error);
    expect(new second.ConfigurationError("no key")).toBeInstanceOf(first.ConfigurationError);
    // Each class still tells its own kind apart.
    expect(error).not.toBeInstanceOf(first.ConfigurationError);
    expect(new first.ConfigurationError("no key")).not.toBeInstanceOf(second.SwitchboardError);
    expect(new Error("other")).not.toBeInstanceOf(first.SwitchboardError);
    expect(null).not.toBeInstanceOf(first.SwitchboardError);
    expect("SwitchboardError").not.toBeInstanceOf(first.SwitchboardError);
  });
});
