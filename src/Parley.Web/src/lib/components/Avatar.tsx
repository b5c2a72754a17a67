import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Presence } from "../../api/client";
import { avatarColorIndex, initials } from "../initials";

interface AvatarProps {
  name: string;
  seed: string;
  size?: "xs" | "sm" | "md" | "lg";
  presence?: Presence | "offline" | null;
  /** A picture; the initials show until it loads, and instead of it if it fails. */
  src?: string | null;
}

export function Avatar({ name, seed, size = "md", presence, src }: AvatarProps) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = Boolean(src) && failed !== src;
  return (
    <span className={`avatar avatar--${size} avatar--c${avatarColorIndex(seed)}`} aria-hidden={presence ? undefined : true}>
      <span className="avatar__initials" aria-hidden="true">
        {initials(name)}
      </span>
      {showImage && src ? (
        <img
          className="avatar__img"
          src={src}
          alt=""
          loading="lazy"
          onError={() => {
            setFailed(src);
          }}
        />
      ) : null}
      {presence && presence !== "offline" ? (
        <span className={`presence-dot presence-dot--${presence}`} role="img" aria-label={t(`presence.${presence}`)} />
      ) : null}
    </span>
  );
}
