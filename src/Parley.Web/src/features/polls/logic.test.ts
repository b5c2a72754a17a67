import { describe, expect, it } from "vitest";
import type { Message, MessagesState } from "../chat/model";
import { applyPollUpdate, draftError, isClosed, keepMyVotes, nextChoice, percentages, timeLeft, type Poll } from "./logic";

const options = (...votes: number[]) => votes.map((v, i) => ({ id: String(i + 1), text: `o${String(i)}`, votes: v }));

function poll(extra: Partial<Poll> = {}): Poll {
  return { question: "Q?", options: options(0, 0), allowMultiple: false, expiresAt: "2030-01-01T00:00:00Z", closed: false, totalVoters: 0, myVotes: [], ...extra };
}

function message(id: string, p: Poll | null): Message {
  return {
    id,
    channelId: "9",
    author: { id: "1", username: "anna", displayName: null, avatarUrl: null },
    content: "",
    nonce: null,
    createdAt: "2026-01-01T00:00:00Z",
    editedAt: null,
    replyTo: null,
    mentions: [],
    reactions: [],
    pinned: false,
    attachments: [],
    poll: p,
    mentionsEveryone: false,
  };
}

describe("percentages", () => {
  it("add up to exactly 100 for a single-choice poll", () => {
    expect(percentages(options(1, 1, 1), 3, false)).toEqual([34, 33, 33]);
    expect(percentages(options(2, 1), 3, false)).toEqual([67, 33]);
    expect(percentages(options(1, 0, 0), 1, false)).toEqual([100, 0, 0]);
  });

  it("are zero when nobody voted", () => {
    expect(percentages(options(0, 0), 0, false)).toEqual([0, 0]);
  });

  it("are each option's share of the voters with several choices", () => {
    expect(percentages(options(2, 1, 2), 2, true)).toEqual([100, 50, 100]);
    expect(percentages(options(1, 2), 3, true)).toEqual([33, 67]);
  });
});

describe("closing", () => {
  it("is closed when ended or past its time", () => {
    const at = Date.parse("2030-01-01T00:00:00Z");
    expect(isClosed(poll(), at - 1)).toBe(false);
    expect(isClosed(poll(), at)).toBe(true);
    expect(isClosed(poll({ closed: true }), at - 1)).toBe(true);
  });

  it("says how long is left in the largest unit", () => {
    const now = Date.parse("2029-12-31T00:00:00Z");
    expect(timeLeft("2029-12-31T00:04:10Z", now)).toEqual({ value: 5, unit: "minute" });
    expect(timeLeft("2029-12-31T03:00:00Z", now)).toEqual({ value: 3, unit: "hour" });
    expect(timeLeft("2030-01-07T00:00:00Z", now)).toEqual({ value: 7, unit: "day" });
  });
});

describe("live tallies", () => {
  it("patch the message's counts and keep my votes", () => {
    const state: MessagesState = { items: [message("5", poll({ myVotes: ["2"] })), message("6", null)], hasOlder: false };
    const next = applyPollUpdate(state, { channelId: "9", messageId: "5", options: options(3, 4), totalVoters: "7", closed: false });
    expect(next?.items[0]?.poll).toMatchObject({ totalVoters: 7, myVotes: ["2"], closed: false });
    expect(next?.items[0]?.poll?.options.map((o) => o.votes)).toEqual([3, 4]);
    expect(next?.items[1]).toBe(state.items[1]);
  });

  it("never reopen a closed poll and ignore other messages", () => {
    const state: MessagesState = { items: [message("5", poll({ closed: true }))], hasOlder: false };
    expect(applyPollUpdate(state, { channelId: "9", messageId: "5", options: options(1, 0), totalVoters: 1, closed: false })?.items[0]?.poll?.closed).toBe(true);
    expect(applyPollUpdate(state, { channelId: "9", messageId: "8", options: [], totalVoters: 0, closed: true })).toBe(state);
    expect(applyPollUpdate(undefined, { channelId: "9", messageId: "5", options: [], totalVoters: 0, closed: true })).toBeUndefined();
  });

  it("keep my votes when the hub pushes the message again", () => {
    const state: MessagesState = { items: [message("5", poll({ myVotes: ["1"] }))], hasOlder: false };
    expect(keepMyVotes(state, message("5", poll({ closed: true }))).poll).toMatchObject({ myVotes: ["1"], closed: true });
    expect(keepMyVotes(state, message("7", poll())).poll?.myVotes).toEqual([]);
    const plain = message("5", null);
    expect(keepMyVotes(state, plain)).toBe(plain);
  });
});

describe("choosing", () => {
  it("swaps a single choice and takes it back when clicked again", () => {
    expect(nextChoice({ allowMultiple: false, myVotes: [] }, "1")).toEqual(["1"]);
    expect(nextChoice({ allowMultiple: false, myVotes: ["1"] }, "2")).toEqual(["2"]);
    expect(nextChoice({ allowMultiple: false, myVotes: ["1"] }, "1")).toEqual([]);
  });

  it("toggles with several choices", () => {
    expect(nextChoice({ allowMultiple: true, myVotes: ["1"] }, "2")).toEqual(["1", "2"]);
    expect(nextChoice({ allowMultiple: true, myVotes: ["1", "2"] }, "1")).toEqual(["2"]);
  });
});

describe("a new poll", () => {
  const draft = { question: "Lunch?", options: ["Soup", "Salad", ""], allowMultiple: false, durationMinutes: 60 };

  it("needs a question and two different options", () => {
    expect(draftError(draft)).toBeNull();
    expect(draftError({ ...draft, question: "  " })).toBe("question");
    expect(draftError({ ...draft, question: "x".repeat(301) })).toBe("questionLong");
    expect(draftError({ ...draft, options: ["Soup", " "] })).toBe("options");
    expect(draftError({ ...draft, options: ["Soup", "soup"] })).toBe("duplicate");
    expect(draftError({ ...draft, options: ["Soup", "x".repeat(101)] })).toBe("optionLong");
  });
});
