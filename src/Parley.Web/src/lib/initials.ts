/** Up to two letters for an avatar: "Anna Smith" -> "AS", "anna_smith" -> "AS", "bob" -> "B". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s_.-]+/u)
    .filter((w) => w.length > 0);
  const letters = words
    .slice(0, 2)
    .map((w) => Array.from(w)[0] ?? "")
    .join("");
  return letters.toLocaleUpperCase() || "?";
}

const AVATAR_COLORS = 7;

/** A stable colour slot (0..6) for an id, so a person keeps the same avatar colour everywhere. */
export function avatarColorIndex(seed: string): number {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % AVATAR_COLORS;
}
