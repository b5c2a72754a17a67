import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { pathId } from "../../../api/wire";
import { useToast } from "../../../lib/components/toastContext";
import { reasonMessage } from "../../../lib/errors";
import { ConfirmDialog } from "../../chat/Dialog";
import { overwritesKey, serverChannelsKey, useOverwrites, useServerChannels, useServerMembers, useServerRoles, type Server } from "../api";
import { memberName, sortRoles } from "../members";
import { can, CHANNEL_PERMISSIONS, overwriteState, setOverwrite, type OverwriteState } from "../permissions";
import { buildChannelTree, type ServerChannel } from "../tree";

function channelPatch(change: Partial<{ name: string; topic: string; parentId: string }>) {
  return { name: change.name ?? null, topic: change.topic ?? null, parentId: change.parentId ?? null, position: null };
}

export function ChannelsTab({ server }: { server: Server }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const channels = useServerChannels(server.id);
  const tree = buildChannelTree(channels.data ?? []);
  const categories = (channels.data ?? []).filter((c) => c.type === "category");
  const [name, setName] = useState("");
  const [type, setType] = useState<"text" | "category">("text");
  const [parent, setParent] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const mayManage = can(server.myPermissions, "ManageChannels");
  const chosen = channels.data?.find((c) => c.id === selected) ?? null;

  async function create() {
    try {
      const created = await unwrap(() =>
        api.POST("/api/v1/servers/{id}/channels", {
          params: { path: { id: pathId(server.id) } },
          body: { name: name.trim(), type, parentId: type === "text" && parent !== "" ? parent : null, topic: null },
        }),
      );
      setName("");
      void qc.invalidateQueries({ queryKey: serverChannelsKey(server.id) });
      setSelected(created.id);
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <div className="roles-layout">
      <div className="roles-list">
        {mayManage ? (
          <form
            className="settings-card"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() !== "") void create();
            }}
          >
            <h3 className="settings-card__title">{t("servers.settings.channels.create")}</h3>
            <input
              className="input"
              value={name}
              maxLength={100}
              placeholder={t("servers.settings.channels.namePlaceholder")}
              aria-label={t("servers.settings.channels.name")}
              data-testid="channel-create-name"
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
            <select
              className="input"
              value={type}
              aria-label={t("servers.settings.channels.type")}
              data-testid="channel-create-type"
              onChange={(e) => {
                setType(e.target.value === "category" ? "category" : "text");
              }}
            >
              <option value="text">{t("servers.settings.channels.text")}</option>
              <option value="category">{t("servers.settings.channels.category")}</option>
            </select>
            {type === "text" ? (
              <ParentSelect categories={categories} value={parent} onChange={setParent} label={t("servers.settings.channels.parent")} />
            ) : null}
            <button type="submit" className="button button--primary button--small" disabled={name.trim() === ""} data-testid="channel-create">
              {t("servers.settings.channels.createButton")}
            </button>
          </form>
        ) : null}
        <ul>
          {tree.flatMap((g) => [
            ...(g.category ? [g.category] : []),
            ...g.channels,
          ]).map((c) => (
            <li key={c.id} className={`role-row${c.id === selected ? " role-row--active" : ""}${c.type === "category" ? " role-row--category" : ""}`} data-testid="settings-channel-row" data-channel-id={c.id}>
              <button
                type="button"
                className="role-row__name"
                onClick={() => {
                  setSelected(c.id);
                }}
              >
                {c.type === "category" ? c.name.toLocaleUpperCase() : `# ${c.name}`}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {chosen ? (
        <div className="settings-stack">
          {mayManage ? <ChannelEditor key={chosen.id} server={server} channel={chosen} categories={categories} onDeleted={() => { setSelected(null); }} /> : null}
          {can(server.myPermissions, "ManageRoles") ? <OverwriteEditor key={`o${chosen.id}`} server={server} channel={chosen} /> : null}
        </div>
      ) : (
        <p className="server-form__hint">{t("servers.settings.channels.pick")}</p>
      )}
    </div>
  );
}

function ParentSelect({ categories, value, onChange, label }: { categories: ServerChannel[]; value: string; onChange: (v: string) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <select
      className="input"
      value={value}
      aria-label={label}
      data-testid="channel-parent"
      onChange={(e) => {
        onChange(e.target.value);
      }}
    >
      <option value="">{t("servers.settings.channels.noCategory")}</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

function ChannelEditor({ server, channel, categories, onDeleted }: { server: Server; channel: ServerChannel; categories: ServerChannel[]; onDeleted: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(channel.name);
  const [topic, setTopic] = useState(channel.topic ?? "");
  const [parent, setParent] = useState(channel.parentId ?? "");
  const [confirm, setConfirm] = useState(false);
  const isCategory = channel.type === "category";
  const path = { id: pathId(channel.id) };
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: serverChannelsKey(server.id) });
  };

  async function save() {
    try {
      await unwrap(() =>
        api.PATCH("/api/v1/channels/{id}", {
          params: { path },
          // parentId "" moves the channel out of its category.
          body: channelPatch(isCategory ? { name: name.trim() } : { name: name.trim(), topic, parentId: parent }),
        }),
      );
      toast.show(t("servers.settings.saved"), "success");
      refresh();
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  async function remove() {
    try {
      await unwrap(() => api.DELETE("/api/v1/channels/{id}", { params: { path } }));
      onDeleted();
      refresh();
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <form
      className="settings-card"
      data-testid="channel-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() !== "") void save();
      }}
    >
      <h3 className="settings-card__title">{isCategory ? t("servers.settings.channels.editCategory") : t("servers.settings.channels.editChannel")}</h3>
      <label className="field__label">
        {t("servers.settings.channels.name")}
        <input
          className="input"
          value={name}
          maxLength={100}
          data-testid="channel-name"
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </label>
      {!isCategory ? (
        <>
          <label className="field__label">
            {t("servers.settings.channels.topic")}
            <input
              className="input"
              value={topic}
              maxLength={1024}
              data-testid="channel-topic-input"
              onChange={(e) => {
                setTopic(e.target.value);
              }}
            />
          </label>
          <label className="field__label">
            {t("servers.settings.channels.parent")}
            <ParentSelect categories={categories} value={parent} onChange={setParent} label={t("servers.settings.channels.parent")} />
          </label>
        </>
      ) : null}
      <div className="role-editor__actions">
        <button type="submit" className="button button--primary" data-testid="channel-save">
          {t("common.save")}
        </button>
        <button
          type="button"
          className="button button--danger-ghost"
          data-testid="channel-delete"
          onClick={() => {
            setConfirm(true);
          }}
        >
          {t("servers.settings.channels.delete")}
        </button>
      </div>
      {confirm ? (
        <ConfirmDialog
          title={t("servers.settings.channels.deleteTitle", { name: channel.name })}
          text={isCategory ? t("servers.settings.channels.deleteCategoryText") : t("servers.settings.channels.deleteText")}
          confirm={t("servers.settings.channels.delete")}
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

/** Per role or member: allow / neutral / deny for each channel permission. */
function OverwriteEditor({ server, channel }: { server: Server; channel: ServerChannel }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const overwrites = useOverwrites(channel.id);
  const roles = useServerRoles(server.id);
  const members = useServerMembers(server.id);
  const sortedRoles = useMemo(() => sortRoles(roles.data ?? []), [roles.data]);
  const [target, setTarget] = useState<string>(server.id);
  const [adding, setAdding] = useState("");
  const existing = overwrites.data?.find((o) => o.targetId === target);
  const [draft, setDraft] = useState<{ target: string; allow: string; deny: string } | null>(null);
  const current = draft?.target === target ? draft : { target, allow: existing?.allow ?? "0", deny: existing?.deny ?? "0" };
  const type = sortedRoles.some((r) => r.id === target) ? "role" : "member";

  const label = (id: string) => {
    const role = sortedRoles.find((r) => r.id === id);
    if (role) return role.name;
    const m = members.data?.find((x) => x.user.id === id);
    return m ? `${memberName(m)} (@${m.user.username})` : id;
  };
  const targets = [...new Set([server.id, ...(overwrites.data ?? []).map((o) => o.targetId), ...(draft ? [draft.target] : [])])];

  function set(p: (typeof CHANNEL_PERMISSIONS)[number], state: OverwriteState) {
    setDraft({ target, ...setOverwrite(current.allow, current.deny, p, state) });
  }

  async function save() {
    try {
      await unwrap(() =>
        api.PUT("/api/v1/channels/{id}/permissions/{targetId}", {
          params: { path: { id: pathId(channel.id), targetId: pathId(target) } },
          body: { type, allow: current.allow, deny: current.deny },
        }),
      );
      setDraft(null);
      void qc.invalidateQueries({ queryKey: overwritesKey(channel.id) });
      void qc.invalidateQueries({ queryKey: serverChannelsKey(server.id) });
      toast.show(t("servers.settings.saved"), "success");
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  async function clear() {
    try {
      await unwrap(() => api.DELETE("/api/v1/channels/{id}/permissions/{targetId}", { params: { path: { id: pathId(channel.id), targetId: pathId(target) } } }));
      setDraft(null);
      setTarget(server.id);
      void qc.invalidateQueries({ queryKey: overwritesKey(channel.id) });
      void qc.invalidateQueries({ queryKey: serverChannelsKey(server.id) });
    } catch (error) {
      toast.show(reasonMessage(error, t), "error");
    }
  }

  return (
    <div className="settings-card" data-testid="overwrite-editor">
      <h3 className="settings-card__title">{t("servers.settings.overwrites.title", { name: channel.name })}</h3>
      <p className="server-form__hint">{t("servers.settings.overwrites.hint")}</p>
      <div className="overwrite-targets" role="tablist">
        {targets.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={id === target}
            className={`role-chip${id === target ? " role-chip--on" : ""}`}
            data-testid="overwrite-target"
            data-target-id={id}
            onClick={() => {
              setTarget(id);
            }}
          >
            {label(id)}
          </button>
        ))}
        <select
          className="input input--small"
          value={adding}
          aria-label={t("servers.settings.overwrites.add")}
          data-testid="overwrite-add"
          onChange={(e) => {
            const id = e.target.value;
            setAdding("");
            if (id === "") return;
            setTarget(id);
            setDraft({ target: id, allow: "0", deny: "0" });
          }}
        >
          <option value="">{t("servers.settings.overwrites.add")}</option>
          <optgroup label={t("servers.settings.overwrites.roles")}>
            {sortedRoles
              .filter((r) => !targets.includes(r.id))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={t("servers.settings.overwrites.members")}>
            {(members.data ?? [])
              .filter((m) => !targets.includes(m.user.id))
              .map((m) => (
                <option key={m.user.id} value={m.user.id}>
                  {memberName(m)}
                </option>
              ))}
          </optgroup>
        </select>
      </div>
      <ul className="overwrite-list">
        {CHANNEL_PERMISSIONS.map((p) => {
          const state = overwriteState(current.allow, current.deny, p);
          return (
            <li key={p} className="overwrite-row" data-testid={`overwrite-${p}`} data-state={state}>
              <span className="overwrite-row__text">
                <span className="switch-row__label">{t(`servers.permissions.${p}.name`)}</span>
                <span className="switch-row__hint">{t(`servers.permissions.${p}.hint`)}</span>
              </span>
              <span className="tri-state" role="radiogroup" aria-label={t(`servers.permissions.${p}.name`)}>
                {(["deny", "neutral", "allow"] as const).map((s) => (
                  <button
                    key={s}
                    type="button"
                    role="radio"
                    aria-checked={state === s}
                    className={`tri-state__option tri-state__option--${s}${state === s ? " tri-state__option--on" : ""}`}
                    title={t(`servers.settings.overwrites.${s}`)}
                    aria-label={t(`servers.settings.overwrites.${s}`)}
                    data-testid={`overwrite-${p}-${s}`}
                    onClick={() => {
                      set(p, s);
                    }}
                  >
                    {s === "deny" ? "✕" : s === "allow" ? "✓" : "/"}
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="role-editor__actions">
        <button type="button" className="button button--primary" disabled={draft?.target !== target} data-testid="overwrite-save" onClick={() => void save()}>
          {t("common.save")}
        </button>
        {existing ? (
          <button type="button" className="button button--danger-ghost" data-testid="overwrite-remove" onClick={() => void clear()}>
            {t("servers.settings.overwrites.remove")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
