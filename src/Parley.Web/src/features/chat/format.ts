import type { TFunction } from "i18next";
import type { VisiblePresence } from "./model";

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

const DAY = 24 * 3600 * 1000;

/** How many calendar days before `now` the time is (0 today, 1 yesterday). */
export function daysAgo(then: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(then)) / DAY);
}

export function formatClock(iso: string | Date, language: string): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** The chat list's time: today HH:mm, this week the weekday, else the date. */
export function formatChatTime(iso: string, language: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const days = daysAgo(date, now);
  if (days <= 0) return formatClock(date, language);
  if (days < 7) return new Intl.DateTimeFormat(language, { weekday: "short" }).format(date);
  if (date.getFullYear() === now.getFullYear()) return new Intl.DateTimeFormat(language, { day: "numeric", month: "short" }).format(date);
  return new Intl.DateTimeFormat(language, { day: "2-digit", month: "2-digit", year: "2-digit" }).format(date);
}

/** A date separator in the message list: "Today", "Yesterday", "Monday, 3 March" or with the year. */
export function formatDaySeparator(iso: string, language: string, t: TFunction, now: Date = new Date()): string {
  const date = new Date(iso);
  const days = daysAgo(date, now);
  if (days === 0) return t("chat.date.today");
  if (days === 1) return t("chat.date.yesterday");
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(language, sameYear ? { weekday: "long", day: "numeric", month: "long" } : { day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** "online", "last seen 5 minutes ago", "last seen yesterday at 14:05", in the UI language. */
export function formatLastSeen(
  presence: VisiblePresence,
  lastSeenAt: string | null | undefined,
  language: string,
  t: TFunction,
  now: Date = new Date(),
): string {
  if (presence === "online") return t("chat.status.online");
  if (presence === "idle") return t("chat.status.idle");
  if (presence === "dnd") return t("chat.status.dnd");
  if (!lastSeenAt) return t("chat.status.lastSeenRecently");
  const then = new Date(lastSeenAt);
  if (Number.isNaN(then.getTime())) return t("chat.status.lastSeenRecently");
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (seconds < 60) return t("chat.status.lastSeenJustNow");
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    const when = new Intl.RelativeTimeFormat(language, { numeric: "always" }).format(-minutes, "minute");
    return t("chat.status.lastSeenAgo", { when });
  }
  const days = daysAgo(then, now);
  const time = formatClock(then, language);
  if (days === 0) return t("chat.status.lastSeenToday", { time });
  if (days === 1) return t("chat.status.lastSeenYesterday", { time });
  const date = new Intl.DateTimeFormat(language, then.getFullYear() === now.getFullYear() ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }).format(then);
  return t("chat.status.lastSeenOn", { date });
}

/** "Anna is typing…", "Anna and Boris are typing…", "Anna and 2 others are typing…". */
export function typingText(names: string[], t: TFunction): string {
  if (names.length === 0) return "";
  if (names.length === 1) return t("chat.typing.one", { name: names[0] });
  if (names.length === 2) return t("chat.typing.two", { first: names[0], second: names[1] });
  return t("chat.typing.many", { name: names[0], count: names.length - 1 });
}
