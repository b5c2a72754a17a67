import { useTranslation } from "react-i18next";
import { scopeKey, type SearchScope } from "./query";

export interface ScopeOption {
  scope: SearchScope;
  label: string;
}

/** Where to search: everywhere, this server, this chat. */
export function ScopeChips({ options, value, onChange }: { options: ScopeOption[]; value: SearchScope; onChange: (scope: SearchScope) => void }) {
  const { t } = useTranslation();
  if (options.length < 2) return null;
  return (
    <div className="search-scope" role="group" aria-label={t("search.scope.label")}>
      {options.map((o) => {
        const key = scopeKey(o.scope);
        return (
          <button
            key={key}
            type="button"
            className="search-scope__chip"
            aria-pressed={scopeKey(value) === key}
            data-testid={`search-scope-${o.scope.kind}`}
            onClick={() => {
              onChange(o.scope);
            }}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
