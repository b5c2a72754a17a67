export type PasswordStrength = "weak" | "fair" | "good" | "strong";
export type PasswordIssue = "tooShort" | "allSame" | "sameAsUsername";

export const PASSWORD_MIN_LENGTH = 8;

export interface PasswordScore {
  /** 0 for an empty password, then 1 (weak) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  strength: PasswordStrength;
  /** Rules of the server's password policy that the password breaks. */
  issues: PasswordIssue[];
  /** Rough guess-resistance in bits, after penalties. */
  bits: number;
}

// Passwords (or their bases) that every guessing list starts with.
const COMMON = new Set([
  "password", "passw0rd", "qwerty", "qwertyuiop", "123456", "12345678", "123456789", "1234567890",
  "111111", "abc123", "letmein", "welcome", "monkey", "dragon", "iloveyou", "admin", "login",
  "football", "baseball", "sunshine", "princess", "master", "shadow", "superman", "trustno1",
  "parley", "secret", "changeme", "qazwsx", "asdfgh", "zxcvbn", "starwars", "whatever", "hello",
  "freedom", "computer", "internet", "michael", "jennifer", "pokemon", "ncc1701", "qwerty123",
  "parol", "privet", "йцукен", "пароль", "qwe123", "1q2w3e4r", "1qaz2wsx", "000000", "654321",
]);

const KEYBOARD_RUNS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю", "1234567890"];

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

export function passwordIssues(password: string, username = ""): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const chars = Array.from(password);
  if (chars.length < PASSWORD_MIN_LENGTH) issues.push("tooShort");
  if (chars.length > 0 && chars.every((c) => c === chars[0])) issues.push("allSame");
  if (username.length > 0 && password.toLowerCase() === username.toLowerCase()) issues.push("sameAsUsername");
  return issues;
}

function poolSize(password: string): number {
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^\p{L}\p{N}]/u.test(password)) pool += 33;
  if (/[^\p{ASCII}]/u.test(password) && /\p{L}/u.test(password)) pool += 66; // letters outside ASCII (Cyrillic etc.)
  return Math.max(pool, 10);
}

/** Length that counts: repeats and straight runs (abcd, 4321) add little. */
function effectiveLength(password: string): number {
  const codes = Array.from(password, (c) => c.codePointAt(0) ?? 0);
  let length = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] ?? 0;
    const prev = codes[i - 1];
    const prevPrev = codes[i - 2];
    if (prev !== undefined && c === prev) {
      length += 0.25;
    } else if (prev !== undefined && prevPrev !== undefined && Math.abs(c - prev) === 1 && c - prev === prev - prevPrev) {
      length += 0.25;
    } else {
      length += 1;
    }
  }
  return length;
}

function deLeet(text: string): string {
  return Array.from(text.toLowerCase(), (c) => LEET[c] ?? c).join("");
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  // "Password123!" or "dragon2024": a common base with digits or symbols stuck on the end.
  const base = lower.replace(/[\d\W_]+$/u, "");
  if (base.length >= 4 && (COMMON.has(base) || COMMON.has(deLeet(base)))) return true;
  return COMMON.has(deLeet(lower));
}

function keyboardRunLength(password: string): number {
  const lower = password.toLowerCase();
  let longest = 0;
  for (const row of KEYBOARD_RUNS) {
    for (let len = row.length; len >= 4; len--) {
      if (len <= longest) break;
      let found = false;
      for (let start = 0; start + len <= row.length; start++) {
        if (lower.includes(row.slice(start, start + len))) {
          found = true;
          break;
        }
      }
      if (found) {
        longest = len;
        break;
      }
    }
  }
  return longest;
}

export function scorePassword(password: string, username = ""): PasswordScore {
  const issues = passwordIssues(password, username);
  if (password.length === 0) return { score: 0, strength: "weak", issues, bits: 0 };

  const bitsPerChar = Math.log2(poolSize(password));
  let bits = effectiveLength(password) * bitsPerChar;

  const runLength = keyboardRunLength(password);
  if (runLength > 0) bits -= (runLength - 1) * bitsPerChar;

  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) bits -= Array.from(name).length * bitsPerChar * 0.75;

  const unique = new Set(Array.from(password)).size;
  if (unique <= 3) bits = Math.min(bits, 30);

  if (isCommon(password)) bits = Math.min(bits, 20);
  bits = Math.max(0, bits);

  let strength: PasswordStrength;
  if (issues.length > 0 || bits < 40) strength = "weak";
  else if (bits < 60) strength = "fair";
  else if (bits < 78) strength = "good";
  else strength = "strong";

  const score = ({ weak: 1, fair: 2, good: 3, strong: 4 } as const)[strength];
  return { score, strength, issues, bits: Math.round(bits) };
}
