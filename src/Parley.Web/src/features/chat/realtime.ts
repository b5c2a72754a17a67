import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { QueryClient } from "@tanstack/react-query";
import { channelsKey, fetchAllAfter, messagesKey } from "./api";
import { createEventHandlers, type EventContext } from "./events";
import { newestServerId, type MessagesState } from "./model";
import { mergeMessages } from "./reducers";

export type ConnectionStatus = "connected" | "connecting" | "offline";

type Listener = () => void;

/** The connection's state for the "Connecting…" bar. */
class StatusStore {
  private status: ConnectionStatus = "connected";
  private readonly listeners = new Set<Listener>();
  get = (): ConnectionStatus => this.status;
  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };
  set(next: ConnectionStatus): void {
    if (next === this.status) return;
    this.status = next;
    for (const l of this.listeners) l();
  }
}

export const connectionStatus = new StatusStore();

let active: HubConnection | null = null;

/** Invokes a hub method if connected; silently drops it otherwise (typing hints are best effort). */
export function hubSend(method: "Typing" | "JoinChannel", channelId: string): void {
  if (active?.state === HubConnectionState.Connected) void active.invoke(method, channelId).catch(() => undefined);
}

function offlineStatus(): ConnectionStatus {
  return navigator.onLine ? "connecting" : "offline";
}

/**
 * After a gap: every chat held in the cache asks for what came after its newest message (page by page) and the chat
 * list is fetched again. Messages merge by id, so nothing is shown twice.
 */
export async function catchUp(queryClient: QueryClient): Promise<void> {
  const cached = queryClient.getQueriesData<MessagesState>({ queryKey: ["messages"] });
  await Promise.all(
    cached.map(async ([key, state]) => {
      const channelId = String(key[1]);
      const after = newestServerId(state);
      if (!after) {
        await queryClient.invalidateQueries({ queryKey: messagesKey(channelId) });
        return;
      }
      try {
        const missed = await fetchAllAfter(channelId, after);
        if (missed.length > 0) queryClient.setQueryData<MessagesState>(messagesKey(channelId), (s) => mergeMessages(s, missed));
      } catch {
        // The chat may be gone; the chat list fetch below settles it.
      }
    }),
  );
  await queryClient.invalidateQueries({ queryKey: channelsKey });
}

/** Opens the one hub connection for the signed-in user; returns a function that closes it. */
export function startRealtime(queryClient: QueryClient, context: Omit<EventContext, "queryClient" | "joinChannel">): () => void {
  const life = { stopped: false };
  const isStopped = () => life.stopped;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let everConnected = false;
  const connection = new HubConnectionBuilder()
    .withUrl("/hub", { transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect({
      // Never give up: 0 s, 1 s, 2 s, 5 s, then every 10 s.
      nextRetryDelayInMilliseconds: (retry) => [0, 1000, 2000, 5000][retry.previousRetryCount] ?? 10_000,
    })
    .configureLogging(LogLevel.None)
    .build();
  active = connection;

  const handlers = createEventHandlers({
    ...context,
    queryClient,
    joinChannel: (channelId) => {
      hubSend("JoinChannel", channelId);
    },
  });
  for (const [name, handler] of Object.entries(handlers)) {
    connection.on(name, handler as (...args: unknown[]) => void);
  }

  connection.onreconnecting(() => {
    connectionStatus.set(offlineStatus());
  });
  connection.onreconnected(() => {
    connectionStatus.set("connected");
    void catchUp(queryClient);
  });
  connection.onclose(() => {
    if (life.stopped) return;
    connectionStatus.set(offlineStatus());
    scheduleStart(5000);
  });

  const onOnline = () => {
    if (connection.state === HubConnectionState.Disconnected) {
      scheduleStart(0);
    } else if (connection.state === HubConnectionState.Reconnecting) {
      // The automatic retries may be 10 s apart by now: with the network back, try again at once.
      connectionStatus.set("connecting");
      void connection.stop().then(() => {
        scheduleStart(0);
      });
    } else if (connection.state !== HubConnectionState.Connected) {
      connectionStatus.set("connecting");
    }
  };
  const onOffline = () => {
    if (connection.state !== HubConnectionState.Connected) connectionStatus.set("offline");
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);

  function scheduleStart(delay: number) {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void start();
    }, delay);
  }

  let attempts = 0;
  async function start() {
    if (life.stopped || connection.state !== HubConnectionState.Disconnected) return;
    try {
      await connection.start();
      attempts = 0;
      connectionStatus.set("connected");
      if (everConnected) void catchUp(queryClient);
      everConnected = true;
    } catch {
      if (isStopped()) return;
      attempts++;
      connectionStatus.set(offlineStatus());
      scheduleStart(Math.min(10_000, 1000 * attempts));
    }
  }

  void start();

  return () => {
    life.stopped = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    if (active === connection) active = null;
    connectionStatus.set("connected");
    void connection.stop();
  };
}
