import { num } from "../chat/model";
import { parseCustomReaction, type Sticker } from "./api";
import "./emoji.css";

/** A reaction's emoji: a unicode emoji as text, a custom one ("name:id") as its picture. */
export function ReactionEmoji({ emoji, className = "reaction__custom" }: { emoji: string; className?: string }) {
  const custom = parseCustomReaction(emoji);
  if (!custom) return <>{emoji}</>;
  return <img className={className} src={custom.url} alt={`:${custom.name}:`} title={`:${custom.name}:`} draggable={false} data-testid="custom-reaction" />;
}

/** A sticker message's picture. */
export function StickerView({ sticker }: { sticker: Sticker }) {
  return (
    <img
      className="msg__sticker"
      src={sticker.url}
      alt={sticker.description ?? sticker.name}
      title={sticker.name}
      width={num(sticker.width)}
      height={num(sticker.height)}
      loading="lazy"
      draggable={false}
      data-testid="message-sticker"
      data-sticker-id={sticker.id}
    />
  );
}
