import { describe, expect, it } from "vitest";
import { safeNext } from "./safeNext";

describe("safeNext", () => {
  it("keeps same-site paths", () => {
    expect(safeNext("/settings/profile")).toBe("/settings/profile");
    expect(safeNext("/help?x=1")).toBe("/help?x=1");
  });
  it("refuses other sites and loops back to the auth pages", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "/login", "/register?x"]) {
      expect(safeNext(bad)).toBe("/");
    }
  });
});
