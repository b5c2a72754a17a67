import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId, type Schemas } from "../../api/wire";
import { uploadMultipart } from "../files/upload";
import type { Member, Role } from "./members";
import type { ServerChannel } from "./tree";

export type Server = Schemas["ServerResponse"];
export type Invite = Schemas["InviteResponse"];
export type Ban = Schemas["BanResponse"];
export type AuditEntry = Schemas["AuditLogEntryResponse"];
export type Overwrite = Schemas["PermissionOverwriteResponse"];

export const serversKey = ["servers"] as const;
export const serverChannelsKey = (serverId: string) => ["server-channels", serverId] as const;
export const serverMembersKey = (serverId: string) => ["server-members", serverId] as const;
export const serverRolesKey = (serverId: string) => ["server-roles", serverId] as const;
export const serverInvitesKey = (serverId: string) => ["server-invites", serverId] as const;
export const serverBansKey = (serverId: string) => ["server-bans", serverId] as const;
export const serverAuditKey = (serverId: string) => ["server-audit", serverId] as const;
export const overwritesKey = (channelId: string) => ["overwrites", channelId] as const;

const id = (value: string) => ({ id: pathId(value) });

export function useServers(enabled = true) {
  return useQuery({
    queryKey: serversKey,
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/users/me/servers", { signal })),
    staleTime: 30_000,
    enabled,
  });
}

export function useServerChannels(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverChannelsKey(serverId),
    queryFn: ({ signal }): Promise<ServerChannel[]> => unwrap(() => api.GET("/api/v1/servers/{id}/channels", { params: { path: id(serverId) }, signal })),
    staleTime: 30_000,
    // Permission changes move no event to the viewer: a slow poll keeps the visible list honest.
    refetchInterval: 60_000,
    enabled: enabled && serverId !== "",
  });
}

export function useServerMembers(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverMembersKey(serverId),
    queryFn: ({ signal }): Promise<Member[]> => unwrap(() => api.GET("/api/v1/servers/{id}/members", { params: { path: id(serverId) }, signal })),
    staleTime: 30_000,
    enabled,
  });
}

export function useServerRoles(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverRolesKey(serverId),
    queryFn: ({ signal }): Promise<Role[]> => unwrap(() => api.GET("/api/v1/servers/{id}/roles", { params: { path: id(serverId) }, signal })),
    staleTime: 30_000,
    enabled,
  });
}

export function useServerInvites(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverInvitesKey(serverId),
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/servers/{id}/invites", { params: { path: id(serverId) }, signal })),
    enabled,
  });
}

export function useServerBans(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverBansKey(serverId),
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/servers/{id}/bans", { params: { path: id(serverId) }, signal })),
    enabled,
  });
}

export function useAuditLog(serverId: string, enabled = true) {
  return useQuery({
    queryKey: serverAuditKey(serverId),
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/servers/{id}/audit-log", { params: { path: id(serverId), query: { limit: 100 } }, signal })),
    enabled,
  });
}

export function useOverwrites(channelId: string, enabled = true) {
  return useQuery({
    queryKey: overwritesKey(channelId),
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/channels/{id}/permissions", { params: { path: id(channelId) }, signal })),
    enabled: enabled && channelId !== "",
  });
}

export function useInvitePreview(code: string) {
  return useQuery({
    queryKey: ["invite", code],
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/invites/{code}", { params: { path: { code } }, signal })),
    retry: false,
  });
}

export async function createServer(qc: QueryClient, name: string): Promise<Server> {
  const server = await unwrap(() => api.POST("/api/v1/servers", { body: { name } }));
  qc.setQueryData<Server[]>(serversKey, (l) => (l ? [...l.filter((s) => s.id !== server.id), server] : l));
  void qc.invalidateQueries({ queryKey: serversKey });
  return server;
}

/** Sets a server's icon (a cropped square picture) and puts the answer in the server list. */
export async function uploadServerIcon(qc: QueryClient, serverId: string, picture: Blob): Promise<Server> {
  const server = await uploadMultipart<Server>(`/api/v1/servers/${serverId}/icon`, picture, {
    method: "PUT",
    fileName: picture.type === "image/webp" ? "icon.webp" : "icon.png",
  });
  qc.setQueryData<Server[]>(serversKey, (l) => l?.map((s) => (s.id === server.id ? server : s)));
  return server;
}

export async function removeServerIcon(qc: QueryClient, serverId: string): Promise<Server> {
  const server = await unwrap(() => api.DELETE("/api/v1/servers/{id}/icon", { params: { path: { id: pathId(serverId) } } }));
  qc.setQueryData<Server[]>(serversKey, (l) => l?.map((s) => (s.id === server.id ? server : s)));
  return server;
}

export async function acceptInvite(qc: QueryClient, code: string): Promise<Server> {
  const server = await unwrap(() => api.POST("/api/v1/invites/{code}/accept", { params: { path: { code } } }));
  qc.setQueryData<Server[]>(serversKey, (l) => (l ? [...l.filter((s) => s.id !== server.id), server] : l));
  void qc.invalidateQueries({ queryKey: serversKey });
  return server;
}

export function createInvite(channelId: string, maxAgeSeconds: number, maxUses: number): Promise<Invite> {
  return unwrap(() => api.POST("/api/v1/channels/{id}/invites", { params: { path: id(channelId) }, body: { maxAgeSeconds, maxUses } }));
}

/** The code from a pasted invite: a full link (…/invite/CODE), a path, or the bare code. */
export function inviteCodeFrom(input: string): string {
  const text = input.trim();
  const match = /\/invite\/([^/?#\s]+)/.exec(text);
  return (match?.[1] ?? text).trim();
}

export function inviteLink(code: string): string {
  return `${globalThis.location.origin}/invite/${code}`;
}

export async function leaveServer(qc: QueryClient, serverId: string, meId: string): Promise<void> {
  await unwrap(() => api.DELETE("/api/v1/servers/{id}/members/{userId}", { params: { path: { id: pathId(serverId), userId: pathId(meId) } } }));
  forgetServer(qc, serverId);
}

/** Drops a server the user is no longer in from every cache. */
export function forgetServer(qc: QueryClient, serverId: string): void {
  qc.setQueryData<Server[]>(serversKey, (l) => l?.filter((s) => s.id !== serverId));
  for (const key of [serverChannelsKey, serverMembersKey, serverRolesKey, serverInvitesKey, serverBansKey, serverAuditKey]) {
    qc.removeQueries({ queryKey: key(serverId) });
  }
}

/** Which server a channel belongs to, from the channel lists in the cache. */
export function serverOfChannel(qc: QueryClient, channelId: string): string | null {
  for (const [key, list] of qc.getQueriesData<ServerChannel[]>({ queryKey: ["server-channels"] })) {
    if (list?.some((c) => c.id === channelId)) return String(key[1]);
  }
  return null;
}

export function patchServerChannel(qc: QueryClient, channelId: string, patch: Partial<ServerChannel>): boolean {
  const serverId = serverOfChannel(qc, channelId);
  if (!serverId) return false;
  qc.setQueryData<ServerChannel[]>(serverChannelsKey(serverId), (l) => l?.map((c) => (c.id === channelId ? { ...c, ...patch } : c)));
  return true;
}
