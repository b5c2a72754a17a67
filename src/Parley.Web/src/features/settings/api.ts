import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Settings, type SettingsChange } from "../../api/client";
import { pathId, toUpdateSettingsRequest } from "../../api/wire";
import { forgetSession, settingsKey } from "../auth/api";
import { mergeSettings } from "./mergeSettings";

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/users/me/settings", { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Saves a partial update, showing it at once and rolling back if the server refuses. */
export function usePatchSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) => unwrap(() => api.PATCH("/api/v1/users/me/settings", { body: toUpdateSettingsRequest(change) })),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: settingsKey });
      const previous = queryClient.getQueryData<Settings>(settingsKey);
      if (previous) queryClient.setQueryData(settingsKey, mergeSettings(previous, patch));
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(settingsKey, context.previous);
    },
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
    },
  });
}

const sessionsKey = ["sessions"] as const;
const tokensKey = ["tokens"] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/auth/sessions", { signal })),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id }: { id: string; current: boolean }) => {
      await unwrap(() => api.DELETE("/api/v1/auth/sessions/{id}", { params: { path: { id: pathId(id) } } }));
    },
    onSuccess: (_data, { id, current }) => {
      if (current) {
        forgetSession(queryClient);
        return;
      }
      queryClient.setQueryData<{ id: string }[]>(sessionsKey, (list) => list?.filter((s) => s.id !== id));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** "Sign out all other devices": every session but this one. */
export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(() => api.POST("/api/v1/auth/sessions/sign-out-others"));
    },
    onSuccess: () => {
      queryClient.setQueryData<{ current: boolean }[]>(sessionsKey, (list) => list?.filter((s) => s.current));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string; revokeTokens: boolean }) => {
      await unwrap(() => api.POST("/api/v1/auth/password", { body }));
    },
    onSuccess: (_data, { revokeTokens }) => {
      // The other devices were signed out, and with revokeTokens the tokens are gone too.
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
      if (revokeTokens) void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
}

/** Deletes the account; on success this browser is signed out too. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (password: string) => {
      await unwrap(() => api.DELETE("/api/v1/users/me", { body: { password } }));
    },
    onSuccess: () => {
      forgetSession(queryClient);
    },
  });
}

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => unwrap(() => api.GET("/api/v1/auth/tokens", { signal })),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string; name: string }) => unwrap(() => api.POST("/api/v1/auth/tokens", { body })),
    meta: { unauthorizedMeansWrongPassword: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await unwrap(() => api.DELETE("/api/v1/auth/tokens/{id}", { params: { path: { id: pathId(id) } } }));
    },
    onSuccess: (_data, id) => {
      queryClient.setQueryData<{ id: string }[]>(tokensKey, (list) => list?.filter((token) => token.id !== id));
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
}
