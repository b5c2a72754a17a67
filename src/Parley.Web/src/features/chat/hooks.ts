import { useEffect, useState, useSyncExternalStore } from "react";
import { connectionStatus } from "./realtime";
import { typingStore, type Typist } from "./typingStore";

export function useTyping(channelId: string): Typist[] {
  useSyncExternalStore(typingStore.subscribe, typingStore.getVersion);
  return typingStore.typing(channelId);
}

export function useConnectionStatus() {
  return useSyncExternalStore(connectionStatus.subscribe, connectionStatus.get);
}

/** A clock that ticks every `ms`, for relative times ("last seen 5 minutes ago"). */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => {
      setNow(new Date());
    }, ms);
    return () => {
      window.clearInterval(id);
    };
  }, [ms]);
  return now;
}
