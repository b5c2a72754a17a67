import type { Channel } from "./model";

/** Whether a message should raise a browser notification (see notify below for the rules). */
export function shouldNotify(input: {
  hidden: boolean;
  enabled: boolean;
  permission: NotificationPermission | "unsupported";
  presence: string | undefined;
  channel: Channel | undefined;
  mentionsMe: boolean;
}): boolean {
  if (!input.hidden || !input.enabled || input.permission !== "granted") return false;
  if (input.presence === "dnd" || !input.channel || input.channel.muted) return false;
  return input.channel.type === "direct" || input.mentionsMe;
}


export function notificationPermission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks the browser for permission; only ever called from a click. */
export async function requestNotificationPermission(): Promise<NotificationPermission | "unsupported"> {
  if (typeof Notification === "undefined") return "unsupported";
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}
