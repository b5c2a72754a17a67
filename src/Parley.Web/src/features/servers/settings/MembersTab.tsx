import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { pathId } from "../../../api/wire";
import { Avatar } from "../../../lib/components/Avatar";
import { useToast } from "../../../lib/components/toastContext";
import { reasonMessage } from "../../../lib/errors";
import { serverMembersKey, useServerMembers, useServerRoles, type Server } from "../api";
import { memberName, roleColor, sortRoles, type Member } from "../members";
import { useMemberModeration } from "../MemberModeration";
import { can } from "../permissions";

export function MembersTab({ server, meId }: { server: Server; meId: string }) {
  const { t } = useTranslation();
  const members = useServerMembers(server.id);
  const roles = useServerRoles(server.id);
  const assignable = useMemo(() => sortRoles(roles.data ?? []).filter((r) => r.id !== server.id), [roles.data, server.id]);
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLocaleLowerCase();
  const list = (members.data ?? []).filter((m) => q === "" || memberName(m).toLocaleLowerCase().includes(q) || m.user.username.toLocaleLowerCase().includes(q));
  return (
    <div className="settings-stack">
      <input
        className="input"
        type="search"
        value={filter}
        placeholder={t("servers.settings.members.search")}
        aria-label={t("servers.settings.members.search")}
        onChange={(e) => {
          setFilter(e.target.value);
        }}
      />
      <ul className="settings-members">
        {list.map((m) => (
          <MemberEditor key={m.user.id} server={server} member={m} meId={meId} roles={assignable} />
        ))}
      </ul>
    </div>
  );
}

function MemberEditor({ server, member, meId, roles }: { server: Server; member: Member; meId: string; roles: ReturnType<typeof sortRoles> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [nickname, setNickname] = useState(member.nickname ?? "");
  const moderation = useMemberModeration(server, member, meId);
  const isOwner = member.user.id === server.ownerId;
  const isMe = member.user.id === meId;
  const mayRoles = can(server.myPermissions, "ManageRoles");
  const mayNick = isMe || can(server.myPermissions, "ManageServer");
  const path = { id: pathId(server.id), userId: pathId(member.user.id) };
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: serverMembersKey(server.id) });
  };
  const fail = (error: unknown) => {
    toast.show(reasonMessage(error, t), "error");
  };

  async function update(body: { nickname: string | null; roleIds: string[] | null }) {
    try {
      await unwrap(() => api.PATCH("/api/v1/servers/{id}/members/{userId}", { params: { path }, body }));
      refresh();
    } catch (error) {
      fail(error);
      refresh();
    }
  }

  function toggleRole(roleId: string, on: boolean) {
    const next = on ? [...new Set([...member.roleIds, roleId])] : member.roleIds.filter((r) => r !== roleId);
    // A members refetch already under way (e.g. after a role was created) would land after this and untick the box.
    void qc.cancelQueries({ queryKey: serverMembersKey(server.id) });
    qc.setQueryData<Member[]>(serverMembersKey(server.id), (l) => l?.map((m) => (m.user.id === member.user.id ? { ...m, roleIds: next } : m)));
    void update({ nickname: null, roleIds: next });
  }

  return (
    <li className="settings-member" data-testid="member-row" data-user-id={member.user.id}>
      <div className="settings-member__who">
        <Avatar name={memberName(member)} seed={member.user.id} src={member.user.avatarUrl} size="sm" />
        <span className="settings-member__name">
          {memberName(member)} <span className="settings-member__username">@{member.user.username}</span>
          {isOwner ? <span className="settings-member__owner">{t("servers.members.owner")}</span> : null}
        </span>
        <span className="settings-member__actions">
          {moderation.mayKick ? (
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="kick-button"
              onClick={moderation.startKick}
            >
              {t("servers.settings.members.kick")}
            </button>
          ) : null}
          {moderation.mayBan ? (
            <button
              type="button"
              className="button button--danger-ghost button--small"
              data-testid="ban-button"
              onClick={moderation.startBan}
            >
              {t("servers.settings.members.ban")}
            </button>
          ) : null}
        </span>
      </div>
      {mayNick ? (
        <form
          className="server-form__row settings-member__nick"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ nickname: nickname.trim(), roleIds: null });
          }}
        >
          <input
            className="input input--small"
            value={nickname}
            maxLength={32}
            placeholder={t("servers.settings.members.nickname")}
            aria-label={t("servers.settings.members.nickname")}
            data-testid="member-nickname"
            onChange={(e) => {
              setNickname(e.target.value);
            }}
          />
          <button type="submit" className="button button--secondary button--small" disabled={nickname.trim() === (member.nickname ?? "")} data-testid="member-nickname-save">
            {t("common.save")}
          </button>
        </form>
      ) : null}
      {mayRoles && roles.length > 0 ? (
        <div className="settings-member__roles" role="group" aria-label={t("servers.settings.members.roles")}>
          {roles.map((r) => {
            const on = member.roleIds.includes(r.id);
            return (
              <label key={r.id} className={`role-chip${on ? " role-chip--on" : ""}`} style={{ borderColor: roleColor(r.color) }}>
                <input
                  type="checkbox"
                  checked={on}
                  data-testid="member-role-toggle"
                  data-role-id={r.id}
                  data-role-name={r.name}
                  onChange={(e) => {
                    toggleRole(r.id, e.target.checked);
                  }}
                />
                {r.name}
              </label>
            );
          })}
        </div>
      ) : null}
      {moderation.dialog}
    </li>
  );
}
