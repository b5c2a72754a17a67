import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Session } from "../../api/client";
import { Icon, type IconName } from "../../lib/components/Icon";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { generalErrorMessage } from "../../lib/errors";
import { formatDateTime, formatRelative } from "../../lib/time";
import { parseUserAgent, type DeviceKind } from "../../lib/userAgent";
import { ConfirmDialog } from "../chat/Dialog";
import { useRevokeSession, useSessions, useSignOutOthers } from "./api";
import { QueryState } from "./QueryState";

const KIND_ICONS: Record<DeviceKind, IconName> = {
  desktop: "monitor",
  phone: "phone",
  tablet: "phone",
  cli: "terminal",
  unknown: "devices",
};

function useDeviceName() {
  const { t } = useTranslation();
  return (session: Session) => {
    const { browser, os } = parseUserAgent(session.userAgent);
    if (browser && os) return t("settings.sessions.deviceLine", { browser, os });
    return browser ?? os ?? t("settings.sessions.unknownDevice");
  };
}

function SessionRow({ session, busy, onRevoke }: { session: Session; busy: boolean; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const deviceName = useDeviceName();
  const device = parseUserAgent(session.userAgent);
  const name = deviceName(session);
  const meta = [
    session.ipAddress ? t("settings.sessions.ip", { ip: session.ipAddress }) : null,
    session.current ? t("settings.sessions.activeNow") : t("settings.sessions.lastActive", { time: formatRelative(session.lastSeenAt, i18n.language) }),
  ].filter(Boolean);

  return (
    <li className="list-row" data-testid="session-row" data-session-id={session.id} data-current={session.current || undefined}>
      <span className={`list-row__icon${session.current ? " list-row__icon--accent" : ""}`} aria-hidden="true">
        <Icon name={KIND_ICONS[device.kind]} size={20} />
      </span>
      <div className="list-row__text">
        <span className="list-row__title">
          {name}
          {session.current ? (
            <span className="badge" data-testid="session-current">
              {t("settings.sessions.thisDevice")}
            </span>
          ) : null}
        </span>
        <span className="list-row__meta">{meta.join(" · ")}</span>
        <span className="list-row__meta" title={formatDateTime(session.createdAt, i18n.language)}>
          {t("settings.sessions.signedIn", { time: formatDateTime(session.createdAt, i18n.language) })}
        </span>
      </div>
      <button
        type="button"
        className="button button--danger-ghost button--small"
        data-testid={session.current ? "session-revoke-current" : "session-revoke"}
        aria-label={session.current ? t("settings.sessions.signOutCurrent") : t("settings.sessions.signOutDevice", { device: name })}
        disabled={busy}
        onClick={onRevoke}
      >
        {busy ? <Spinner /> : null}
        {t("settings.sessions.signOut")}
      </button>
    </li>
  );
}

export function SessionsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const signOutOthers = useSignOutOthers();
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [confirmOthers, setConfirmOthers] = useState(false);

  function revokeOne(session: Session): Promise<void> {
    setPending((p) => new Set(p).add(session.id));
    return revoke
      .mutateAsync({ id: session.id, current: session.current })
      .then(() => {
        if (session.current) void navigate("/login", { replace: true });
        else toast.show(t("settings.sessions.revoked"), "success");
      })
      .catch((error: unknown) => {
        toast.show(`${t("settings.sessions.revokeFailed")} ${generalErrorMessage(error, t)}`, "error");
      })
      .finally(() => {
        setPending((p) => {
          const next = new Set(p);
          next.delete(session.id);
          return next;
        });
      });
  }

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.sessions.description")}</p>
      <QueryState query={sessions}>
        {(list) => {
          const current = list.filter((s) => s.current);
          const others = list.filter((s) => !s.current).sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
          return (
            <>
              <section className="card" aria-labelledby="sessions-current">
                <h3 className="card__title" id="sessions-current">
                  {t("settings.sessions.current")}
                </h3>
                <ul className="list">
                  {current.map((s) => (
                    <SessionRow
                      key={s.id}
                      session={s}
                      busy={pending.has(s.id)}
                      onRevoke={() => {
                        void revokeOne(s);
                      }}
                    />
                  ))}
                </ul>
              </section>
              <section className="card" aria-labelledby="sessions-others">
                <div className="card__head">
                  <h3 className="card__title" id="sessions-others">
                    {t("settings.sessions.others")}
                  </h3>
                  {others.length > 0 ? (
                    <button
                      type="button"
                      className="button button--danger-ghost button--small"
                      data-testid="sessions-revoke-others"
                      disabled={pending.size > 0 || signOutOthers.isPending}
                      onClick={() => {
                        setConfirmOthers(true);
                      }}
                    >
                      {signOutOthers.isPending ? <Spinner /> : null}
                      {t("settings.sessions.signOutOthers")}
                    </button>
                  ) : null}
                </div>
                {others.length === 0 ? (
                  <p className="card__empty">{t("settings.sessions.noOthers")}</p>
                ) : (
                  <ul className="list">
                    {others.map((s) => (
                      <SessionRow
                        key={s.id}
                        session={s}
                        busy={pending.has(s.id)}
                        onRevoke={() => {
                          void revokeOne(s);
                        }}
                      />
                    ))}
                  </ul>
                )}
              </section>
            </>
          );
        }}
      </QueryState>
      {confirmOthers ? (
        <ConfirmDialog
          title={t("settings.sessions.signOutOthersTitle")}
          text={t("settings.sessions.signOutOthersText")}
          confirm={t("settings.sessions.signOutOthersConfirm")}
          danger
          onConfirm={() => {
            signOutOthers.mutate(undefined, {
              onSuccess: () => {
                toast.show(t("settings.sessions.othersSignedOut"), "success");
              },
              onError: (error) => {
                toast.show(`${t("settings.sessions.revokeFailed")} ${generalErrorMessage(error, t)}`, "error");
              },
            });
          }}
          onClose={() => {
            setConfirmOthers(false);
          }}
        />
      ) : null}
    </div>
  );
}
