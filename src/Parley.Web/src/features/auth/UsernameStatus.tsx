import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";

export type UsernameState =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "invalid"; message: string }
  | { kind: "available"; username: string }
  | { kind: "taken"; username: string; suggestions: string[] }
  | { kind: "error" };

interface Props {
  id: string;
  state: UsernameState;
  onPick: (username: string) => void;
}

export function UsernameStatus({ id, state, onPick }: Props) {
  const { t } = useTranslation();
  let content: ReactNode = null;
  switch (state.kind) {
    case "idle":
      content = <span className="username-status__text">{t("auth.username.rules")}</span>;
      break;
    case "checking":
      content = (
        <>
          <Spinner />
          <span className="username-status__text">{t("auth.username.checking")}</span>
        </>
      );
      break;
    case "invalid":
      content = (
        <>
          <Icon name="alert" size={16} />
          <span className="username-status__text">{state.message}</span>
        </>
      );
      break;
    case "available":
      content = (
        <>
          <Icon name="check" size={16} />
          <span className="username-status__text">{t("auth.username.available", { username: state.username })}</span>
        </>
      );
      break;
    case "taken":
      content = (
        <>
          <Icon name="close" size={16} />
          <span className="username-status__text">{t("auth.username.taken", { username: state.username })}</span>
        </>
      );
      break;
    case "error":
      content = <span className="username-status__text">{t("auth.username.checkFailed")}</span>;
      break;
  }
  return (
    <div className="username-status-wrap">
      <div id={id} className={`username-status username-status--${state.kind}`} data-testid="username-status" data-state={state.kind} aria-live="polite">
        {content}
      </div>
      {state.kind === "taken" && state.suggestions.length > 0 ? (
        <div className="suggestions">
          <span className="suggestions__label">{t("auth.username.suggestions")}</span>
          <ul className="suggestions__list">
            {state.suggestions.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className="chip"
                  data-testid="username-suggestion"
                  onClick={() => {
                    onPick(s);
                  }}
                >
                  {s}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
