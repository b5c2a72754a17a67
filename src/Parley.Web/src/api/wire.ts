import type { components } from "./schema";

export type Schemas = components["schemas"];
export type Me = Schemas["MeResponse"];
export type Settings = Schemas["SettingsResponse"];
export type Session = Schemas["SessionResponse"];
export type ApiToken = Schemas["TokenResponse"];
export type CreatedToken = Schemas["CreatedTokenResponse"];
export type Presence = Schemas["Presence"];
export type Theme = Schemas["Theme"];
export type Language = Schemas["Language"];
export type Audience = Schemas["Audience"];
export type DirectMessagePolicy = Schemas["DirectMessagePolicy"];
export type PrivacySettings = Schemas["PrivacySettings"];
export type NotificationSettings = Schemas["NotificationSettings"];

/** A change to the profile: only the fields named are sent as values; the server leaves nulls alone. */
export interface MeChange {
  displayName?: string;
  bio?: string;
  statusText?: string;
  presence?: Presence;
}

/** A change to the settings; nested objects may be partial. */
export interface SettingsChange {
  theme?: Theme;
  language?: Language;
  notifications?: Partial<NotificationSettings>;
  privacy?: Partial<PrivacySettings>;
}

// The OpenAPI document lists every field of the update requests as required-but-nullable
// (null = leave unchanged), so the wire bodies spell the untouched fields out as null.

export function toUpdateMeRequest(change: MeChange): Schemas["UpdateMeRequest"] {
  return {
    displayName: change.displayName ?? null,
    bio: change.bio ?? null,
    statusText: change.statusText ?? null,
    presence: change.presence ?? null,
  };
}

export function toUpdateSettingsRequest(change: SettingsChange): Schemas["UpdateSettingsRequest"] {
  const n = change.notifications;
  const p = change.privacy;
  return {
    theme: change.theme ?? null,
    language: change.language ?? null,
    notifications: n
      ? { enabled: n.enabled ?? null, sound: n.sound ?? null, showPreview: n.showPreview ?? null }
      : null,
    privacy: p
      ? {
          lastSeen: p.lastSeen ?? null,
          onlineStatus: p.onlineStatus ?? null,
          directMessages: p.directMessages ?? null,
          readReceipts: p.readReceipts ?? null,
        }
      : null,
  };
}

export interface RegisterInput {
  username: string;
  password: string;
  email?: string;
  displayName?: string;
}

export function toRegisterRequest(input: RegisterInput): Schemas["RegisterRequest"] {
  return {
    username: input.username,
    password: input.password,
    email: input.email ?? null,
    displayName: input.displayName ?? null,
  };
}

/**
 * Ids are 64-bit numbers sent as strings (a JavaScript number would lose precision). The OpenAPI
 * document types path ids as int64, so the generated types want a number; the string goes into the
 * URL unchanged either way.
 */
export function pathId(id: string): number {
  return id as unknown as number;
}
