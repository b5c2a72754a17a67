import type { Message } from "./model";

/** Whether a message mentions this user: by name, through one of their roles, or as @everyone (the server decided who may). */
export function mentionsUser(message: Pick<Message, "mentions" | "mentionsEveryone" | "mentionRoleIds" | "author">, userId: string | undefined, roleIds: readonly string[] = []): boolean {
  if (!userId || message.author.id === userId) return false;
  if (message.mentionsEveryone) return true;
  if (message.mentions.some((u) => u.id === userId)) return true;
  return (message.mentionRoleIds ?? []).some((id) => roleIds.includes(id));
}
