import { displayName, type Message, type UserSummary } from "./model";

/** Whether a message mentions this user: by name, through one of their roles, or as @everyone (the server decided who may). */
export function mentionsUser(message: Pick<Message, "mentions" | "mentionsEveryone" | "mentionRoleIds" | "author">, userId: string | undefined, roleIds: readonly string[] = []): boolean {
  if (!userId || message.author.id === userId) return false;
  if (message.mentionsEveryone) return true;
  if (message.mentions.some((u) => u.id === userId)) return true;
  return (message.mentionRoleIds ?? []).some((id) => roleIds.includes(id));
}

/** A mention that is not a person: a role, @everyone or @here. */
export interface GroupMention {
  token: string;
  name: string;
}

export interface MentionSuggestion<U extends UserSummary> {
  id: string;
  token: string;
  name: string;
  user: U | null;
}

/** What the composer offers after "@" + query (lower case): people by username or name first, then roles and groups. */
export function mentionSuggestions<U extends UserSummary>(people: readonly U[], groups: readonly GroupMention[], query: string, limit = 8): MentionSuggestion<U>[] {
  return [
    ...people
      .filter((u) => u.username.toLowerCase().startsWith(query) || displayName(u).toLowerCase().startsWith(query))
      .map((u) => ({ id: u.id, token: u.username, name: displayName(u), user: u })),
    ...groups.filter((g) => g.token.toLowerCase().startsWith(query)).map((g) => ({ id: `group:${g.token}`, token: g.token, name: g.name, user: null })),
  ].slice(0, limit);
}
