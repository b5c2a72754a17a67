/** Who is typing where: an entry lasts TYPING_TTL_MS after the last event from that person. */
export const TYPING_TTL_MS = 6000;

export interface Typist {
  userId: string;
  username: string;
  expiresAt: number;
}

export class TypingStore {
  private readonly byChannel = new Map<string, Map<string, Typist>>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private version = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  started(channelId: string, userId: string, username: string): void {
    let channel = this.byChannel.get(channelId);
    if (!channel) {
      channel = new Map();
      this.byChannel.set(channelId, channel);
    }
    channel.set(userId, { userId, username, expiresAt: this.now() + TYPING_TTL_MS });
    this.changed();
  }

  /** Their message arrived: they are no longer typing it. */
  stopped(channelId: string, userId: string): void {
    if (this.byChannel.get(channelId)?.delete(userId)) this.changed();
  }

  /** The people typing in a chat now, in the order they started. */
  typing(channelId: string): Typist[] {
    const now = this.now();
    return [...(this.byChannel.get(channelId)?.values() ?? [])].filter((t) => t.expiresAt > now);
  }

  clear(): void {
    this.byChannel.clear();
    this.changed();
  }

  /** Drops expired entries and tells listeners; called by the timer. */
  sweep(): void {
    const now = this.now();
    let removed = false;
    for (const [channelId, channel] of this.byChannel) {
      for (const [userId, t] of channel) {
        if (t.expiresAt <= now) {
          channel.delete(userId);
          removed = true;
        }
      }
      if (channel.size === 0) this.byChannel.delete(channelId);
    }
    if (removed) this.changed();
    else this.schedule();
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    let next = Infinity;
    for (const channel of this.byChannel.values()) for (const t of channel.values()) next = Math.min(next, t.expiresAt);
    if (next === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.sweep();
      },
      Math.max(0, next - this.now()) + 20,
    );
  }
}

export const typingStore = new TypingStore();
