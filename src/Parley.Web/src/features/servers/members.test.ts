import { describe, expect, it } from "vitest";
import { groupMembers, memberColor, roleColor, sortRoles, type Member, type Role } from "./members";

function role(id: string, position: number, over: Partial<Role> = {}): Role {
  return { id, name: `r${id}`, color: 0, position, hoist: false, mentionable: false, permissions: "0", ...over };
}
function member(id: string, name: string, presence: Member["user"]["presence"], roleIds: string[] = [], nickname: string | null = null): Member {
  return {
    user: { id, username: name, displayName: null, bio: null, statusText: null, presence, lastSeenAt: null, isFriend: false, isBlocked: false, avatarUrl: null },
    nickname,
    roleIds,
    joinedAt: "2025-01-01T00:00:00Z",
  };
}

describe("groupMembers", () => {
  const roles = [role("s", 0, { name: "@everyone" }), role("mod", 2, { hoist: true }), role("admin", 3, { hoist: true }), role("fan", 1)];

  it("groups online members by highest hoisted role, then online, then offline", () => {
    const groups = groupMembers(
      [
        member("1", "zed", "online", ["mod", "admin"]),
        member("2", "amy", "online", ["mod"]),
        member("3", "bob", "idle", ["fan"]),
        member("4", "cat", "offline", ["admin"]),
        member("5", "dan", "online", [], "Aaron"),
      ],
      roles,
    );
    expect(groups.map((g) => (g.kind === "role" ? g.role.id : g.kind))).toEqual(["admin", "mod", "online", "offline"]);
    expect(groups[0]?.members.map((m) => m.user.id)).toEqual(["1"]);
    expect(groups[1]?.members.map((m) => m.user.id)).toEqual(["2"]);
    expect(groups[2]?.members.map((m) => m.user.id)).toEqual(["5", "3"]);
    expect(groups[3]?.members.map((m) => m.user.id)).toEqual(["4"]);
  });

  it("leaves out empty groups", () => {
    expect(groupMembers([member("1", "a", "offline")], roles).map((g) => g.kind)).toEqual(["offline"]);
    expect(groupMembers([], roles)).toEqual([]);
  });
});

describe("roles", () => {
  it("sorts highest first", () => {
    expect(sortRoles([role("a", 1), role("b", 5), role("c", 3)]).map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
  it("colours a name by the highest coloured role", () => {
    const roles = sortRoles([role("a", 1, { color: 0xff0000 }), role("b", 5), role("c", 3, { color: 0x00ff00 })]);
    expect(memberColor(member("1", "x", "online", ["a", "b", "c"]), roles)).toBe(0x00ff00);
    expect(memberColor(member("1", "x", "online", ["b"]), roles)).toBe(0);
    expect(roleColor(0x00ff00)).toBe("#00ff00");
    expect(roleColor(0)).toBeUndefined();
  });
});
