import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { Switch } from "../../lib/components/Switch";
import { reasonMessage } from "../../lib/errors";
import { Dialog } from "../chat/Dialog";
import { createPoll } from "./api";
import { DEFAULT_DURATION, DURATIONS, draftError, MAX_OPTIONS, OPTION_MAX, QUESTION_MAX, type PollDraft } from "./logic";
import "./polls.css";

const DURATION_LABELS = {
  5: "polls.create.durations.5",
  60: "polls.create.durations.60",
  240: "polls.create.durations.240",
  1440: "polls.create.durations.1440",
  4320: "polls.create.durations.4320",
  10080: "polls.create.durations.10080",
  43200: "polls.create.durations.43200",
  525600: "polls.create.durations.525600",
} as const satisfies Record<(typeof DURATIONS)[number], string>;

interface CreatePollDialogProps {
  channelId: string;
  meId: string;
  replyToId: string | null;
  onClose: () => void;
  onCreated: () => void;
}

/** Question, 2 to 10 options, single or multiple choice, and how long the poll stays open. */
export function CreatePollDialog({ channelId, meId, replyToId, onClose, onCreated }: CreatePollDialogProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<PollDraft>({ question: "", options: ["", ""], allowMultiple: false, durationMinutes: DEFAULT_DURATION });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function setOption(index: number, value: string) {
    setDraft((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? value : o)) }));
    setError(null);
  }

  async function submit() {
    const problem = draftError(draft);
    if (problem) {
      setError(t(`polls.create.errors.${problem}`));
      return;
    }
    setBusy(true);
    try {
      await createPoll(qc, channelId, meId, draft, replyToId);
      onCreated();
    } catch (e) {
      setError(reasonMessage(e, t));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t("polls.create.title")}
      onClose={onClose}
      testId="create-poll-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="button button--primary" data-testid="poll-create" disabled={busy} onClick={() => void submit()}>
            {busy ? t("polls.create.posting") : t("polls.create.post")}
          </button>
        </>
      }
    >
      <form
        className="poll-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field__label">{t("polls.create.question")}</span>
          <input
            className="input"
            value={draft.question}
            maxLength={QUESTION_MAX}
            placeholder={t("polls.create.questionPlaceholder")}
            data-testid="poll-question"
            autoFocus
            onChange={(e) => {
              setDraft((d) => ({ ...d, question: e.target.value }));
              setError(null);
            }}
          />
        </label>
        <fieldset className="poll-form__options">
          <legend className="field__label">{t("polls.create.options")}</legend>
          {draft.options.map((option, i) => (
            <div key={i} className="poll-form__option">
              <input
                className="input"
                value={option}
                maxLength={OPTION_MAX}
                aria-label={t("polls.create.option", { number: i + 1 })}
                placeholder={t("polls.create.option", { number: i + 1 })}
                data-testid="poll-option-field"
                onChange={(e) => {
                  setOption(i, e.target.value);
                }}
              />
              {draft.options.length > 2 ? (
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={t("polls.create.removeOption", { number: i + 1 })}
                  onClick={() => {
                    setDraft((d) => ({ ...d, options: d.options.filter((_, j) => j !== i) }));
                  }}
                >
                  <Icon name="close" size={16} />
                </button>
              ) : null}
            </div>
          ))}
          {draft.options.length < MAX_OPTIONS ? (
            <button
              type="button"
              className="button button--ghost button--small poll-form__add"
              data-testid="poll-add-option"
              onClick={() => {
                setDraft((d) => ({ ...d, options: [...d.options, ""] }));
              }}
            >
              <Icon name="plus" size={16} />
              {t("polls.create.addOption")}
            </button>
          ) : null}
        </fieldset>
        <Switch
          label={t("polls.create.multiple")}
          hint={t("polls.create.multipleHint")}
          checked={draft.allowMultiple}
          testId="poll-multiple"
          onChange={(allowMultiple) => {
            setDraft((d) => ({ ...d, allowMultiple }));
          }}
        />
        <label className="field">
          <span className="field__label">{t("polls.create.duration")}</span>
          <select
            className="input"
            value={draft.durationMinutes}
            data-testid="poll-duration"
            onChange={(e) => {
              setDraft((d) => ({ ...d, durationMinutes: Number(e.target.value) }));
            }}
          >
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t(DURATION_LABELS[minutes])}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p className="form-error" role="alert" data-testid="poll-error">
            {error}
          </p>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
