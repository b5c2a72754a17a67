import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useToast } from "../../lib/components/toastContext";
import { reasonMessage } from "../../lib/errors";
import { num } from "../chat/model";
import { endPoll, useModerates, vote } from "./api";
import { isClosed, nextChoice, percentages, timeLeft, type Poll } from "./logic";
import "./polls.css";

interface PollCardProps {
  channelId: string;
  messageId: string;
  authorId: string;
  meId: string;
  poll: Poll;
}

/** Re-renders when the poll's time runs out, and every half minute before that for "Ends in …". */
function useNow(expiresAt: string, closed: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (closed) return;
    const left = Date.parse(expiresAt) - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => {
      setNow(Date.now());
    }, Math.min(left + 50, 30_000));
    return () => {
      clearTimeout(timer);
    };
  }, [expiresAt, closed, now]);
  return now;
}

/** A poll in a message: live results as bars, radio buttons or checkboxes to vote, and "End poll" for its author or a moderator. */
export function PollCard({ channelId, messageId, authorId, meId, poll }: PollCardProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const moderates = useModerates(channelId, meId);
  const now = useNow(poll.expiresAt, poll.closed);
  const [busy, setBusy] = useState(false);
  const closed = isClosed(poll, now);
  const voters = num(poll.totalVoters);
  const shares = percentages(poll.options, voters, poll.allowMultiple);
  const voted = poll.myVotes.length > 0;
  const mayEnd = !closed && (authorId === meId || moderates);
  const mayRetract = voted && !closed;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      toast.show(t("polls.failed", { reason: reasonMessage(error, t) }), "error");
    } finally {
      setBusy(false);
    }
  }

  const left = timeLeft(poll.expiresAt, now);
  const status = closed ? t("polls.finalResults") : t(`polls.endsIn.${left.unit}`, { count: left.value });

  return (
    <section
      className={`poll${closed ? " poll--closed" : ""}`}
      data-testid="poll"
      data-closed={closed ? "true" : "false"}
      aria-labelledby={headingId}
      onClick={(e) => {
        // Voting is not a tap on the message: on touch screens that opens the message's menu.
        e.stopPropagation();
      }}
    >
      <h3 className="poll__question" id={headingId}>
        {poll.question}
      </h3>
      <p className="poll__hint">{poll.allowMultiple ? t("polls.multiple") : t("polls.single")}</p>
      <fieldset className="poll__options" disabled={closed || busy}>
        <legend className="visually-hidden">{poll.question}</legend>
        {poll.options.map((option, i) => {
          const mine = poll.myVotes.includes(option.id);
          const share = shares[i] ?? 0;
          return (
            <label key={option.id} className={`poll-option${mine ? " poll-option--mine" : ""}`} data-testid="poll-option" data-option-id={option.id} data-votes={num(option.votes)}>
              <input
                type={poll.allowMultiple ? "checkbox" : "radio"}
                className="poll-option__input"
                name={`poll-${messageId}`}
                checked={mine}
                data-testid="poll-option-input"
                onChange={() => {
                  void run(() => vote(qc, channelId, messageId, nextChoice(poll, option.id)));
                }}
                onClick={(e) => {
                  // A click on my single choice takes it back (a radio button sends no change for that).
                  if (!poll.allowMultiple && mine) {
                    e.preventDefault();
                    void run(() => vote(qc, channelId, messageId, []));
                  }
                }}
              />
              <span className="poll-option__body">
                <span className="poll-option__row">
                  <span className="poll-option__text">{option.text}</span>
                  <span className="poll-option__share" data-testid="poll-option-share">
                    {share}%
                  </span>
                </span>
                <span className="poll-option__bar" aria-hidden="true">
                  <span className="poll-option__fill" style={{ width: `${String(share)}%` }} />
                </span>
                <span className="visually-hidden">{t("polls.votes", { count: num(option.votes) })}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="poll__footer">
        <span className="poll__count" data-testid="poll-voters" aria-live="polite">
          {t("polls.voters", { count: voters })}
        </span>
        <span className="poll__status" data-testid="poll-status">
          {status}
        </span>
      </div>
      {mayRetract || mayEnd ? (
        <div className="poll__actions">
        {mayRetract ? (
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="poll-retract"
            disabled={busy}
            onClick={() => {
              void run(() => vote(qc, channelId, messageId, []));
            }}
          >
            {t("polls.retract")}
          </button>
        ) : null}
        {mayEnd ? (
          <button
            type="button"
            className="button button--danger-ghost button--small"
            data-testid="poll-end"
            disabled={busy}
            onClick={() => {
              void run(() => endPoll(qc, channelId, messageId));
            }}
          >
            {t("polls.end")}
          </button>
        ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The composer's poll button icon: three bars. */
export function PollIcon({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="M4 20V10M12 20V4M20 20v-7" />
    </svg>
  );
}
