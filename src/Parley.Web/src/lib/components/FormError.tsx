import { Icon } from "./Icon";

/** A message about the whole form (wrong password, too many attempts, lost connection). */
export function FormError({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      <Icon name="alert" size={18} />
      <div>
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    </div>
  );
}
