// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { formatChatTime, formatLastSeen, typingText } from "./format";

const en = i18n.getFixedT("en");
const ru = i18n.getFixedT("ru");
const now = new Date(2026, 2, 12, 15, 30, 0); // Thursday 12 March 2026, 15:30 local time
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe("formatLastSeen", () => {
  it("says online, away and do not disturb", () => {
    expect(formatLastSeen("online", null, "en", en, now)).toBe("online");
    expect(formatLastSeen("online", null, "ru", ru, now)).toBe("в сети");
    expect(formatLastSeen("idle", null, "en", en, now)).toBe("away");
  });

  it("is relative within the hour, in both languages", () => {
    expect(formatLastSeen("offline", ago(5 * 60_000), "en", en, now)).toBe("last seen 5 minutes ago");
    expect(formatLastSeen("offline", ago(5 * 60_000), "ru", ru, now)).toBe("был(а) 5 минут назад");
    expect(formatLastSeen("offline", ago(1 * 60_000), "en", en, now)).toBe("last seen 1 minute ago");
    expect(formatLastSeen("offline", ago(1 * 60_000), "ru", ru, now)).toBe("был(а) 1 минуту назад");
    expect(formatLastSeen("offline", ago(22 * 60_000), "ru", ru, now)).toBe("был(а) 22 минуты назад");
    expect(formatLastSeen("offline", ago(20_000), "en", en, now)).toBe("last seen just now");
  });

  it("gives the time today and yesterday, then the date", () => {
    expect(formatLastSeen("offline", new Date(2026, 2, 12, 9, 5).toISOString(), "en", en, now)).toBe("last seen today at 09:05");
    expect(formatLastSeen("offline", new Date(2026, 2, 11, 21, 40).toISOString(), "ru", ru, now)).toBe("был(а) вчера в 21:40");
    expect(formatLastSeen("offline", new Date(2026, 1, 3, 12, 0).toISOString(), "en", en, now)).toBe("last seen Feb 3");
  });

  it("says 'recently' when the person hides the time", () => {
    expect(formatLastSeen("offline", null, "en", en, now)).toBe("last seen recently");
    expect(formatLastSeen("offline", null, "ru", ru, now)).toBe("был(а) недавно");
  });
});

describe("formatChatTime", () => {
  it("shows HH:mm today, the weekday this week and the date before", () => {
    expect(formatChatTime(new Date(2026, 2, 12, 8, 7).toISOString(), "en", now)).toBe("08:07");
    expect(formatChatTime(new Date(2026, 2, 10, 8, 7).toISOString(), "en", now)).toBe("Tue");
    expect(formatChatTime(new Date(2026, 2, 10, 8, 7).toISOString(), "ru", now)).toBe("вт");
    expect(formatChatTime(new Date(2026, 0, 5, 8, 7).toISOString(), "en", now)).toBe("Jan 5");
    expect(formatChatTime(new Date(2025, 0, 5, 8, 7).toISOString(), "ru", now)).toBe("05.01.25");
  });
});

describe("typingText", () => {
  it("names one, two or many people", () => {
    expect(typingText(["Anna"], en)).toBe("Anna is typing…");
    expect(typingText(["Anna", "Boris"], en)).toBe("Anna and Boris are typing…");
    expect(typingText(["Anna", "Boris", "Carl"], en)).toBe("Anna and 2 others are typing…");
    expect(typingText(["Анна", "Борис"], ru)).toBe("Анна и Борис печатают…");
  });
});
