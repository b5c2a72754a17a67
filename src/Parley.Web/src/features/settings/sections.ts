import type { IconName } from "../../lib/components/Icon";

export const SECTIONS = ["profile", "appearance", "language", "notifications", "privacy", "security", "sessions", "tokens"] as const;
export type SectionId = (typeof SECTIONS)[number];

export const SECTION_ICONS: Record<SectionId, IconName> = {
  profile: "user",
  appearance: "sun",
  language: "globe",
  notifications: "bell",
  privacy: "lock",
  security: "shield",
  sessions: "devices",
  tokens: "key",
};

export function isSection(value: string | undefined): value is SectionId {
  return (SECTIONS as readonly string[]).includes(value ?? "");
}
