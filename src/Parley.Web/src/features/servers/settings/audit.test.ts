// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import { auditDetails, auditLabel, type AuditEntry } from "./audit";

const en = i18n.getFixedT("en");
const ru = i18n.getFixedT("ru");
const entry = (action: string, targetName: string | null, details: string | null = null): AuditEntry => ({
  id: "1",
  actor: { id: "2", username: "anna", displayName: null },
  action,
  targetId: "3",
  reason: null,
  details,
  at: "2026-11-27T10:00:00Z",
  targetName,
});

describe("auditLabel", () => {
  it("names the member, channel or role acted on, in both languages", () => {
    expect(auditLabel(entry("member.kick", "Boris"), en)).toBe("kicked Boris");
    expect(auditLabel(entry("member.kick", "Boris"), ru)).toBe("исключил(а) Boris");
    expect(auditLabel(entry("channel.create", "news", "news"), en)).toBe("created channel news");
    expect(auditLabel(entry("role.update", "Editors", "Editors: permissions 8"), en)).toBe("edited role Editors");
  });

  it("falls back to the name kept in the details when the target is gone", () => {
    expect(auditLabel(entry("channel.delete", null, "old"), en)).toBe("deleted channel old");
    expect(auditLabel(entry("emoji.rename", null, "cat -> kitty"), en)).toBe("renamed emoji cat -> kitty");
  });

  it("shows unknown actions as they are", () => {
    expect(auditLabel(entry("webhook.create", null), en)).toBe("did webhook.create");
  });
});

describe("auditDetails", () => {
  it("hides details the label already says and raw ids", () => {
    expect(auditDetails(entry("channel.delete", null, "old"))).toBeNull();
    expect(auditDetails(entry("member.roles", "Boris", "123,456"))).toBeNull();
    expect(auditDetails(entry("server.rename", null, "Old -> New"))).toBe("Old -> New");
  });
});
