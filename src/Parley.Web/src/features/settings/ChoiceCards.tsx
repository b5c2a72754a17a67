import type { ReactNode } from "react";

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
  art?: ReactNode;
  testId?: string;
  lang?: string;
}

interface ChoiceCardsProps<T extends string> {
  name: string;
  legend: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  variant?: "cards" | "list" | "segmented";
}

/** A group of radio buttons drawn as cards, rows or a segmented control; arrow keys move between them. */
export function ChoiceCards<T extends string>({ name, legend, value, choices, onChange, variant = "cards" }: ChoiceCardsProps<T>) {
  return (
    <fieldset className={`choices choices--${variant}`}>
      <legend className="choices__legend">{legend}</legend>
      <div className="choices__options">
        {choices.map((c) => (
          <label key={c.value} className={`choice${c.value === value ? " choice--checked" : ""}`} data-testid={c.testId}>
            <input
              type="radio"
              className="choice__input"
              name={name}
              value={c.value}
              checked={c.value === value}
              onChange={() => {
                onChange(c.value);
              }}
            />
            {c.art ? <span className="choice__art">{c.art}</span> : null}
            <span className="choice__text">
              <span className="choice__label" lang={c.lang}>
                {c.label}
              </span>
              {c.hint ? <span className="choice__hint">{c.hint}</span> : null}
            </span>
            <span className="choice__mark" aria-hidden="true" />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
