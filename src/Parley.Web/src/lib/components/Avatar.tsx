import { useTranslation } from "react-i18next";
import type { Presence } from "../../api/client";
import { avatarColorIndex, initials } from "../initials";

interface AvatarProps {
  name: string;
  seed: string;
  size?: "sm" | "md" | "lg";
  presence?: Presence | null;
}

export function Avatar({ name, seed, size = "md", presence }: AvatarProps) {
  const { t } = useTranslation();
  return (
    <span className={`avatar avatar--${size} avatar--c${avatarColorIndex(seed)}`} aria-hidden={presence ? undefined : true}>
      <span className="avatar__initials" aria-hidden="true">
        {initials(name)}
      </span>
      {presence ? (
        <span className={`presence-dot presence-dot--${presence}`} role="img" aria-label={t(`presence.${presence}`)} />
      ) : null}
    </span>
  );
}
