import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../lib/components/Avatar";
import { Icon } from "../../lib/components/Icon";
import { useDebouncedValue } from "../../lib/hooks";
import { usePeopleSearch } from "./api";
import { displayName, type PublicUser } from "./model";

interface PersonPickerProps {
  /** Already chosen or already members: shown as taken. */
  excluded: Set<string>;
  excludedLabel?: string;
  onPick: (person: PublicUser) => void;
  autoFocus?: boolean;
}

/** A search box over people with a result list; picking one calls onPick. */
export function PersonPicker({ excluded, excludedLabel, onPick, autoFocus }: PersonPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const debounced = useDebouncedValue(q.trim(), 250);
  const people = usePeopleSearch(debounced);
  return (
    <div className="person-picker">
      <div className="search">
        <Icon name="search" size={18} className="search__icon" />
        <input
          className="search__input"
          type="search"
          value={q}
          autoFocus={autoFocus}
          placeholder={t("chat.group.searchPeople")}
          aria-label={t("chat.group.searchPeople")}
          data-testid="person-picker-search"
          autoComplete="off"
          onChange={(e) => {
            setQ(e.target.value);
          }}
        />
      </div>
      <ul className="person-picker__list">
        {debounced !== "" && people.data?.length === 0 ? <li className="person-picker__none">{t("chat.people.noOne")}</li> : null}
        {(people.data ?? []).map((p) => {
          const taken = excluded.has(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                className="person-picker__item"
                data-testid="person-picker-result"
                disabled={taken}
                onClick={() => {
                  onPick(p);
                  setQ("");
                }}
              >
                <Avatar name={displayName(p)} seed={p.id} src={p.avatarUrl} size="sm" />
                <span className="person-picker__text">
                  <span className="person-picker__name">{displayName(p)}</span>
                  <span className="person-picker__sub">{taken && excludedLabel ? excludedLabel : `@${p.username}`}</span>
                </span>
                {taken ? <Icon name="check" size={18} /> : <Icon name="plus" size={18} />}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
