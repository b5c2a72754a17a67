import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import type { PasswordIssue, PasswordScore } from "../../lib/password";

const RULES: PasswordIssue[] = ["tooShort", "allSame", "sameAsUsername"];

export function PasswordStrength({ result, id }: { result: PasswordScore; id: string }) {
  const { t } = useTranslation();
  const level = t(`auth.password.${result.strength}`);
  return (
    <div className="strength" id={id}>
      <div
        className={`strength__meter strength--${result.strength}`}
        data-testid="password-strength"
        data-strength={result.strength}
        data-score={result.score}
      >
        <div className="strength__bars" aria-hidden="true">
          {[1, 2, 3, 4].map((n) => (
            <span key={n} className={`strength__bar${n <= result.score ? " strength__bar--on" : ""}`} />
          ))}
        </div>
        <span className="strength__label" aria-live="polite">
          {t("auth.password.strength", { level })}
        </span>
      </div>
      <ul className="strength__rules">
        {RULES.map((rule) => {
          const broken = result.issues.includes(rule);
          return (
            <li key={rule} className={broken ? "strength__rule" : "strength__rule strength__rule--ok"}>
              <Icon name={broken ? "close" : "check"} size={14} />
              <span>{t(`auth.password.rules.${rule}`)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
