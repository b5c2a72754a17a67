import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { pathId } from "../../../api/wire";
import { Switch } from "../../../lib/components/Switch";
import { useToast } from "../../../lib/components/toastContext";
import { reasonMessage } from "../../../lib/errors";
import { ConfirmDialog } from "../../chat/Dialog";
import { num } from "../../chat/model";
import { serverRolesKey, serversKey, useServerRoles, type Server } from "../api";
import { parseColor, roleColor, sortRoles, type Role } from "../members";
import { hasBit, ROLE_PERMISSIONS, withBit } from "../permissions";

export function RolesTab({ server }: { server: Server }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const roles = useServerRoles(server.id);
  const list = useMemo(() => sortRoles(roles.data ?? []), [roles.data]);
  const [selected, setSelected] = useState<string | null>(null);
  const role = list.find((r) => r.id === selected) ?? null;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: serverRolesKey(server.id) });
    void qc.invalidateQueries({ queryKey: serversKey });
  };
  const fail = (error: unknown) => {
    toast.show(reasonMessage(error, t), "error");
  };

  async function create() {
    try {
      const created = await unwrap(() =>
        api.POST("/api/v1/servers/{id}/roles", { params: { path: { id: pathId(server.id) } }, body: { name: t("servers.roles.newRole"), color: null, permissions: null, hoist: null, mentionable: null } }),
      );
      qc.setQueryData<Role[]>(serverRolesKey(server.id), (l) => (l ? [...l, created] : l));
      refresh();
      setSelected(created.id);
    } catch (error) {
      fail(error);
    }
  }

  /** Swaps a role's position with its neighbour's (everything below @everyone stays put). */
  async function move(r: Role, direction: -1 | 1) {
    const movable = list.filter((x) => x.id !== server.id);
    const index = movable.findIndex((x) => x.id === r.id);
    const other = movable[index + direction];
    if (!other) return;
    try {
      await unwrap(() => api.PATCH("/api/v1/servers/{id}/roles/{roleId}", { params: { path: { id: pathId(server.id), roleId: pathId(r.id) } }, body: rolePatch({ position: num(other.position) }) }));
      refresh();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <div className="roles-layout">
      <div className="roles-list">
        <button type="button" className="button button--primary button--small" disabled={!roles.isSuccess} data-testid="role-create" onClick={() => void create()}>
          {t("servers.roles.create")}
        </button>
        <ul>
          {list.map((r, i) => {
            const everyone = r.id === server.id;
            return (
              <li key={r.id} className={`role-row${r.id === selected ? " role-row--active" : ""}`} data-testid="role-row" data-role-id={r.id}>
                <button
                  type="button"
                  className="role-row__name"
                  onClick={() => {
                    setSelected(r.id);
                  }}
                >
                  <span className="role-row__dot" style={{ background: roleColor(r.color) ?? "var(--text-3)" }} aria-hidden="true" />
                  {r.name}
                </button>
                {!everyone ? (
                  <span className="role-row__moves">
                    <button type="button" className="icon-button icon-button--small" aria-label={t("servers.roles.up")} disabled={i === 0} data-testid="role-up" onClick={() => void move(r, -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button icon-button--small"
                      aria-label={t("servers.roles.down")}
                      disabled={list[i + 1]?.id === server.id || i === list.length - 1}
                      data-testid="role-down"
                      onClick={() => void move(r, 1)}
                    >
                      ↓
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      {role ? (
        <RoleEditor key={role.id} server={server} role={role} onSaved={refresh} onDeleted={() => { setSelected(null); refresh(); }} />
      ) : (
        <p className="server-form__hint">{t("servers.roles.pick")}</p>
      )}
    </div>
  );
}

function rolePatch(change: Partial<{ name: string; color: number; permissions: string; position: number; hoist: boolean; mentionable: boolean }>) {
  return {
    name: change.name ?? null,
    color: change.color ?? null,
    permissions: change.permissions ?? null,
    position: change.position ?? null,
    hoist: change.hoist ?? null,
    mentionable: change.mentionable ?? null,
  };
}

function RoleEditor({ server, role, onSaved, onDeleted }: { server: Server; role: Role; onSaved: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const everyone = role.id === server.id;
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(roleColor(role.color) ?? "#000000");
  const [hoist, setHoist] = useState(role.hoist);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const [permissions, setPermissions] = useState(role.permissions);
  const [confirm, setConfirm] = useState(false);
  const [saving, setSaving] = useState(false);
  const path = { id: pathId(server.id), roleId: pathId(role.id) };

  async function save() {
    setSaving(true);
    try {
      await unwrap(() =>
        api.PATCH("/api/v1/servers/{id}/roles/{roleId}", {
          params: { path },
          body: rolePatch(everyone ? { permissions } : { name: name.trim(), color: parseColor(color), hoist, mentionable, permissions }),
        }),
      );
      toast.show(t("servers.settings.saved"), "success");
      onSaved();
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await unwrap(() => api.DELETE("/api/v1/servers/{id}/roles/{roleId}", { params: { path } }));
      onDeleted();
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <form
      className="role-editor"
      data-testid="role-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!everyone ? (
        <>
          <div className="server-form__grid">
            <label className="field__label">
              {t("servers.roles.name")}
              <input
                className="input"
                value={name}
                maxLength={100}
                data-testid="role-name"
                onChange={(e) => {
                  setName(e.target.value);
                }}
              />
            </label>
            <label className="field__label">
              {t("servers.roles.color")}
              <input
                className="input input--color"
                type="color"
                value={color}
                data-testid="role-color"
                onChange={(e) => {
                  setColor(e.target.value);
                }}
              />
            </label>
          </div>
          <Switch label={t("servers.roles.hoist")} hint={t("servers.roles.hoistHint")} checked={hoist} onChange={setHoist} testId="role-hoist" />
          <Switch label={t("servers.roles.mentionable")} hint={t("servers.roles.mentionableHint")} checked={mentionable} onChange={setMentionable} testId="role-mentionable" />
        </>
      ) : (
        <p className="server-form__hint">{t("servers.roles.everyoneHint")}</p>
      )}
      <h3 className="settings-card__title">{t("servers.roles.permissions")}</h3>
      {ROLE_PERMISSIONS.map((p) => (
        <Switch
          key={p}
          label={t(`servers.permissions.${p}.name`)}
          hint={t(`servers.permissions.${p}.hint`)}
          checked={hasBit(permissions, p)}
          onChange={(on) => {
            setPermissions((m) => withBit(m, p, on));
          }}
          testId={`permission-toggle-${p}`}
        />
      ))}
      <div className="role-editor__actions">
        <button type="submit" className="button button--primary" disabled={saving || (!everyone && name.trim() === "")} data-testid="role-save">
          {saving ? t("common.saving") : t("common.save")}
        </button>
        {!everyone ? (
          <button
            type="button"
            className="button button--danger-ghost"
            data-testid="role-delete"
            onClick={() => {
              setConfirm(true);
            }}
          >
            {t("servers.roles.delete")}
          </button>
        ) : null}
      </div>
      {confirm ? (
        <ConfirmDialog
          title={t("servers.roles.deleteTitle", { name: role.name })}
          text={t("servers.roles.deleteText")}
          confirm={t("servers.roles.delete")}
          danger
          onConfirm={() => void remove()}
          onClose={() => {
            setConfirm(false);
          }}
        />
      ) : null}
    </form>
  );
}
