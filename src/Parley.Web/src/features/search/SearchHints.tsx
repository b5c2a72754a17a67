import { useTranslation } from "react-i18next";
import { FILTERS } from "./query";

/** The filters one may type, as chips that add them to the search box. */
export function SearchHints({ onInsert }: { onInsert: (filter: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="search-hints" data-testid="search-hints">
      <p className="search-hints__title">{t("search.hints.title")}</p>
      <ul className="search-hints__list">
        {FILTERS.map((f) => (
          <li key={f.key} className="search-hints__item">
            <button
              type="button"
              className="search-chip"
              data-testid={`search-filter-${f.key}`}
              onMouseDown={(e) => {
                // Keep the focus in the search box.
                e.preventDefault();
              }}
              onClick={() => {
                onInsert(`${f.key}:`);
              }}
            >
              {f.key}:
            </button>
            <span className="search-hints__text">{t(`search.hints.${f.key}`)}</span>
          </li>
        ))}
      </ul>
      <p className="search-hints__example">
        {t("search.hints.example")} <code>from:anna has:image cats</code>
      </p>
    </div>
  );
}
