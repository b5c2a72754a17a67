import { describe, expect, it } from "vitest";
import { bit, can, canOpenSettings, hasBit, overwriteState, parseMask, setOverwrite, withBit } from "./permissions";

describe("permission masks", () => {
  it("matches the server's bit positions", () => {
    expect(bit("ViewChannel")).toBe(1n);
    expect(bit("CreateInvites")).toBe(256n);
    expect(bit("Administrator")).toBe(65536n);
  });

  it("parses decimal strings and rejects junk", () => {
    expect(parseMask("1027")).toBe(1027n);
    expect(parseMask("")).toBe(0n);
    expect(parseMask("-3")).toBe(0n);
    expect(parseMask(null)).toBe(0n);
    expect(parseMask("9223372036854775807")).toBe(9223372036854775807n);
  });

  it("Administrator grants everything, the raw bit does not", () => {
    expect(can("65536", "BanMembers")).toBe(true);
    expect(hasBit("65536", "BanMembers")).toBe(false);
    expect(can("3", "SendMessages")).toBe(true);
    expect(can("3", "ManageRoles")).toBe(false);
  });

  it("toggles one bit", () => {
    expect(withBit("1", "SendMessages", true)).toBe("3");
    expect(withBit("3", "ViewChannel", false)).toBe("2");
    expect(withBit("3", "ViewChannel", true)).toBe("3");
  });

  it("keeps allow and deny apart", () => {
    let o = setOverwrite("0", "0", "SendMessages", "deny");
    expect(o).toEqual({ allow: "0", deny: "2" });
    expect(overwriteState(o.allow, o.deny, "SendMessages")).toBe("deny");
    o = setOverwrite(o.allow, o.deny, "SendMessages", "allow");
    expect(o).toEqual({ allow: "2", deny: "0" });
    o = setOverwrite(o.allow, o.deny, "SendMessages", "neutral");
    expect(o).toEqual({ allow: "0", deny: "0" });
    expect(overwriteState("0", "0", "ViewChannel")).toBe("neutral");
  });

  it("opens settings for the owner or any managing permission", () => {
    expect(canOpenSettings("3", true)).toBe(true);
    expect(canOpenSettings("3", false)).toBe(false);
    expect(canOpenSettings(String(1 << 15), false)).toBe(true);
  });
});
