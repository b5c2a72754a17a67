import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";

interface ShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  counter?: ReactNode;
  children: ReactNode;
  below?: ReactNode;
}

function FieldShell({ id, label, hint, errors, counter, children, below }: ShellProps) {
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <div className={`field${hasErrors ? " field--invalid" : ""}`}>
      <div className="field__top">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {counter ? <span className="field__counter">{counter}</span> : null}
      </div>
      {children}
      {below}
      {hasErrors ? (
        <ul className="field__errors" id={`${id}-errors`} data-testid="field-error">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hasErrors: boolean, hasHint: boolean, extra?: string): string | undefined {
  const ids = [hasErrors ? `${id}-errors` : hasHint ? `${id}-hint` : null, extra].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  testId?: string;
  trailing?: ReactNode;
  counter?: ReactNode;
  below?: ReactNode;
  describedById?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, errors, testId, trailing, counter, below, describedById, className, ref, ...input }: TextFieldProps) {
  const id = useId();
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} counter={counter} below={below}>
      <div className={`input-wrap${trailing ? " input-wrap--trailing" : ""}`}>
        <input
          ref={ref}
          id={id}
          className={`input${className ? ` ${className}` : ""}`}
          aria-invalid={hasErrors || undefined}
          aria-describedby={describedBy(id, hasErrors, hint !== undefined, describedById)}
          data-testid={testId}
          {...input}
        />
        {trailing}
      </div>
    </FieldShell>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  testId?: string;
  counter?: ReactNode;
}

export function TextAreaField({ label, hint, errors, testId, counter, className, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const hasErrors = errors !== undefined && errors.length > 0;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} counter={counter}>
      <textarea
        id={id}
        className={`input input--area${className ? ` ${className}` : ""}`}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(id, hasErrors, hint !== undefined)}
        data-testid={testId}
        {...textarea}
      />
    </FieldShell>
  );
}
