import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { ApiError } from "./api/problem";
import { forgetSession, meKey } from "./features/auth/api";
import { GuestOnly, RequireAuth } from "./features/auth/guards";
import { LoginPage } from "./features/auth/LoginPage";
import { RegisterPage } from "./features/auth/RegisterPage";
import { HelpPage } from "./features/help/HelpPage";
import { SettingsPage } from "./features/settings/SettingsPage";
import { SettingsSync } from "./features/settings/SettingsSync";
import { AppShell } from "./features/shell/AppShell";
import { ChatPage } from "./features/chat/Conversation";
import { FriendsPage } from "./features/friends/FriendsPage";
import { HomeView } from "./features/shell/HomeView";
import { ToastProvider } from "./lib/components/Toasts";
import { InvitePage } from "./features/servers/InvitePage";
import { ServerPage } from "./features/servers/ServerPage";
import { ServerSettingsPage } from "./features/servers/settings/ServerSettingsPage";

function makeQueryClient(): QueryClient {
  // A 401 means the session ended (signed out on another device, revoked): drop everything, show sign-in.
  function signedOut(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) {
      forgetSession(client);
    }
  }
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== meKey[0]) signedOut(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // Sign-in and token creation answer 401 for a wrong password, which is not a lost session.
        if (mutation.meta?.unauthorizedMeansWrongPassword !== true) signedOut(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <BrowserRouter>
          <Routes>
            <Route
              path="/login"
              element={
                <GuestOnly>
                  <LoginPage />
                </GuestOnly>
              }
            />
            <Route
              path="/register"
              element={
                <GuestOnly>
                  <RegisterPage />
                </GuestOnly>
              }
            />
            <Route path="/invite/:code" element={<InvitePage />} />
            <Route
              element={
                <RequireAuth>
                  <SettingsSync />
                  <AppShell />
                </RequireAuth>
              }
            >
              <Route index element={<HomeView />} />
              <Route path="chats/:channelId" element={<ChatPage />} />
              <Route path="friends" element={<FriendsPage />} />
              <Route path="servers/:serverId" element={<ServerPage />} />
              <Route path="servers/:serverId/settings" element={<ServerSettingsPage />} />
              <Route path="servers/:serverId/settings/:tab" element={<ServerSettingsPage />} />
              <Route path="servers/:serverId/:channelId" element={<ServerPage />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="settings/:section" element={<SettingsPage />} />
              <Route path="help" element={<HelpPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </ToastProvider>
    </QueryClientProvider>
  );
}
