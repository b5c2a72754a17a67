import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type Me, type Presence } from "../../api/client";
import { toUpdateMeRequest } from "../../api/wire";
import { Icon } from "../../lib/components/Icon";
import { useToast } from "../../lib/components/toastContext";
import { generalErrorMessage } from "../../lib/errors";
import { meKey } from "../auth/api";

const PRESENCES: readonly Presence[] = ["online", "idle", "dnd", "invisible"];

function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presence: Presence) => unwrap(() => api.PATCH("/api/v1/users/me", { body: toUpdateMeRequest({ presence }) })),
    onMutate: async (presence) => {
      await queryClient.cancelQueries({ queryKey: meKey });
      const previous = queryClient.getQueryData<Me | null>(meKey);
      if (previous) queryClient.setQueryData<Me>(meKey, { ...previous, presence });
      return { previous };
    },
    onError: (_e, _p, context) => {
      if (context?.previous) queryClient.setQueryData(meKey, context.previous);
    },
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function StatusPicker({ presence }: { presence: Presence }) {
  const { t } = useTranslation();
  const toast = useToast();
  const setPresence = useSetPresence();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const items = menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitemradio]");
    const checked = menu.current?.querySelector<HTMLButtonElement>("[aria-checked=true]");
    (checked ?? items?.[0])?.focus();
    function onPointer(e: PointerEvent) {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function choose(p: Presence) {
    close(true);
    if (p === presence) return;
    setPresence.mutate(p, {
      onError: (error) => {
        toast.show(`${t("shell.user.statusFailed")} ${generalErrorMessage(error, t)}`, "error");
      },
    });
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitemradio]") ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const delta = e.key === "ArrowDown" ? 1 : -1;
      items[(index + delta + items.length) % items.length]?.focus();
    } else if (e.key === "Home") {
      e.preventDefault();
      items[0]?.focus();
    } else if (e.key === "End") {
      e.preventDefault();
      items[items.length - 1]?.focus();
    } else if (e.key === "Tab") {
      close(false);
    }
  }

  return (
    <div className="status-picker">
      <button
        ref={button}
        type="button"
        className="status-picker__button"
        data-testid="status-picker"
        data-presence={presence}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("shell.user.changeStatus", { status: t(`presence.${presence}`) })}
        onClick={() => {
          setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowUp" || e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className={`presence-dot presence-dot--inline presence-dot--${presence}`} aria-hidden="true" />
        <span className="status-picker__label">{t(`presence.${presence}`)}</span>
        <Icon name="chevronRight" size={16} className="status-picker__chevron" />
      </button>
      {open ? (
        <div ref={menu} id={menuId} className="menu status-picker__menu" role="menu" aria-label={t("shell.user.statusMenu")} onKeyDown={onMenuKey}>
          {PRESENCES.map((p) => (
            <button
              key={p}
              type="button"
              role="menuitemradio"
              aria-checked={p === presence}
              className="menu__item"
              data-testid={`status-option-${p}`}
              tabIndex={-1}
              onClick={() => {
                choose(p);
              }}
            >
              <span className={`presence-dot presence-dot--inline presence-dot--${p}`} aria-hidden="true" />
              <span className="menu__text">
                <span className="menu__label">{t(`presence.${p}`)}</span>
                <span className="menu__hint">{t(`presenceHint.${p}`)}</span>
              </span>
              {p === presence ? <Icon name="check" size={18} className="menu__check" /> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
