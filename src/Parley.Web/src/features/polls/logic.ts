import type { Schemas } from "../../api/wire";
import { num, type Message, type MessagesState } from "../chat/model";

export type Poll = Schemas["PollResponse"];
export type PollOption = Schemas["PollOptionResponse"];

/** The hub's PollUpdated: new tallies for everyone; each client keeps its own votes. */
export interface PollUpdatedEvent {
  channelId: string;
  messageId: string;
  options: PollOption[];
  totalVoters: number | string;
  closed: boolean;
}

export const QUESTION_MAX = 300;
export const OPTION_MAX = 100;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

/** The durations offered when creating a poll, in minutes (the server takes any from 5 minutes to a year). */
export const DURATIONS = [5, 60, 240, 1440, 4320, 10080, 43200, 525600] as const;
export const DEFAULT_DURATION = 1440;

/**
 * Each option's share of the voters, in whole percent. A single-choice poll's shares add up to exactly 100 (largest
 * remainder); with several choices each is the share of voters who picked it, so they may add up to more.
 */
export function percentages(options: readonly PollOption[], totalVoters: number, allowMultiple: boolean): number[] {
  const votes = options.map((o) => num(o.votes));
  if (totalVoters <= 0) return votes.map(() => 0);
  const exact = votes.map((v) => (v * 100) / totalVoters);
  if (allowMultiple) return exact.map((p) => Math.min(100, Math.round(p)));
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  if (votes.reduce((a, b) => a + b, 0) === 0) return floors;
  const order = exact.map((p, i) => ({ i, rest: p - Math.floor(p) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i, rest } of order) {
    if (left <= 0 || rest === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** Ended by someone, or past its time by this clock. */
export function isClosed(poll: Pick<Poll, "closed" | "expiresAt">, now: number): boolean {
  return poll.closed || now >= Date.parse(poll.expiresAt);
}

/** New tallies from the hub for one message of the cached page; the reader's own votes stay. */
export function applyPollUpdate(state: MessagesState | undefined, event: PollUpdatedEvent): MessagesState | undefined {
  if (!state?.items.some((m) => m.id === event.messageId && m.poll)) return state;
  const items = state.items.map((m) =>
    m.id === event.messageId && m.poll
      ? { ...m, poll: { ...m.poll, options: event.options, totalVoters: num(event.totalVoters), closed: m.poll.closed || event.closed } }
      : m,
  );
  return { ...state, items };
}

/**
 * A message pushed by the hub carries no one's votes (one payload for the whole chat): keep the ones we already
 * know, so an edit or the echo of our own poll does not clear our choice.
 */
export function keepMyVotes(state: MessagesState | undefined, message: Message): Message {
  if (!message.poll || message.poll.myVotes.length > 0) return message;
  const known = state?.items.find((m) => m.id === message.id)?.poll;
  if (!known || known.myVotes.length === 0) return message;
  return { ...message, poll: { ...message.poll, myVotes: known.myVotes } };
}

/** The reader's choices after clicking an option: a single-choice poll swaps, a multiple-choice one toggles. */
export function nextChoice(poll: Pick<Poll, "allowMultiple" | "myVotes">, optionId: string): string[] {
  const mine = poll.myVotes;
  if (!poll.allowMultiple) return mine.length === 1 && mine[0] === optionId ? [] : [optionId];
  return mine.includes(optionId) ? mine.filter((id) => id !== optionId) : [...mine, optionId];
}

export interface PollDraft {
  question: string;
  options: string[];
  allowMultiple: boolean;
  durationMinutes: number;
}

export type DraftError = "question" | "questionLong" | "options" | "optionLong" | "duplicate";

/** What stops the draft from being posted, if anything; blank option rows are ignored. */
export function draftError(draft: PollDraft): DraftError | null {
  const question = draft.question.trim();
  if (question === "") return "question";
  if (question.length > QUESTION_MAX) return "questionLong";
  const options = filledOptions(draft);
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) return "options";
  if (options.some((o) => o.length > OPTION_MAX)) return "optionLong";
  if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) return "duplicate";
  return null;
}

export function filledOptions(draft: Pick<PollDraft, "options">): string[] {
  return draft.options.map((o) => o.trim()).filter((o) => o !== "");
}

/** How long until the poll ends, in the largest whole unit, for "Ends in …". */
export function timeLeft(expiresAt: string, now: number): { value: number; unit: "minute" | "hour" | "day" } {
  const minutes = Math.max(1, Math.ceil((Date.parse(expiresAt) - now) / 60_000));
  if (minutes < 60) return { value: minutes, unit: "minute" };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { value: hours, unit: "hour" };
  return { value: Math.round(minutes / 1440), unit: "day" };
}
