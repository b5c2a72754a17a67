export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;

export type UsernameIssue = "empty" | "tooShort" | "tooLong" | "invalidChars";

// Letters, digits, underscore, dot and hyphen. Letters are any script's letters; the server has the last word.
const USERNAME_CHARS = /^[\p{L}\p{Nd}_.-]+$/u;

/** The first problem with a username's format, or null when the server should be asked about it. */
export function checkUsernameFormat(username: string): UsernameIssue | null {
  if (username.length === 0) return "empty";
  if (!USERNAME_CHARS.test(username)) return "invalidChars";
  const length = Array.from(username).length;
  if (length < USERNAME_MIN_LENGTH) return "tooShort";
  if (length > USERNAME_MAX_LENGTH) return "tooLong";
  return null;
}
