import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap, type Me, type MeChange } from "../../api/client";
import { toRegisterRequest, toUpdateMeRequest, type RegisterInput } from "../../api/wire";
import { ApiError } from "../../api/problem";

export const meKey = ["me"] as const;
export const settingsKey = ["settings"] as const;

/** The signed-in user, or null when signed out (401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await unwrap(() => api.GET("/api/v1/users/me", { signal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After sign-in or registration: remember who we are and drop anything cached for someone else. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    queryClient.setQueryData(meKey, me);
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) => unwrap(() => api.POST("/api/v1/auth/login", { body })),
    meta: { unauthorizedMeansWrongPassword: true },
    onSuccess: signedIn,
  });
}

export function useRegister() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: RegisterInput) => unwrap(() => api.POST("/api/v1/auth/register", { body: toRegisterRequest(body) })),
    onSuccess: signedIn,
  });
}

/**
 * Leaves the signed-in state: "me" becomes null at once (the guards then go to sign-in), and everything else cached
 * is dropped a moment later, once the signed-in pages have unmounted, so no mounted query refetches into a 401 loop.
 */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData(meKey, null);
  setTimeout(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  }, 0);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(() => api.POST("/api/v1/auth/logout")),
    onSettled: () => {
      // Signed out locally either way: a failed logout must not leave someone's data on screen.
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export interface Availability {
  available: boolean;
  suggestions: string[];
}

export function useUsernameAvailability(username: string, enabled: boolean) {
  return useQuery({
    queryKey: ["username-availability", username],
    queryFn: ({ signal }): Promise<Availability> =>
      unwrap(() => api.GET("/api/v1/auth/username-availability", { params: { query: { username } }, signal })),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: MeChange) => unwrap(() => api.PATCH("/api/v1/users/me", { body: toUpdateMeRequest(change) })),
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
    },
  });
}
