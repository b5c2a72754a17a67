import { useId } from "react";

interface SwitchProps {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}

/** A labelled on/off switch (a checkbox with role="switch"). */
export function Switch({ label, hint, checked, disabled, onChange, testId }: SwitchProps) {
  const id = useId();
  return (
    <div className="switch-row">
      <label htmlFor={id} className="switch-row__text">
        <span className="switch-row__label">{label}</span>
        {hint ? <span className="switch-row__hint">{hint}</span> : null}
      </label>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={disabled}
        aria-checked={checked}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.checked);
        }}
      />
    </div>
  );
}
