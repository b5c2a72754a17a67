import { deleteEmoji, EMOJI_MAX_BYTES, renameEmoji, uploadEmoji, useServerEmoji } from "../../emoji/api";
import type { Server } from "../api";
import { AssetsTab } from "./AssetsTab";

export const MAX_EMOJI = 50;

export function EmojiTab({ server }: { server: Server }) {
  const emoji = useServerEmoji(server.id);
  return (
    <AssetsTab
      kind="emoji"
      serverId={server.id}
      items={emoji.data}
      loading={emoji.isPending}
      max={MAX_EMOJI}
      maxBytes={EMOJI_MAX_BYTES}
      withDescription={false}
      upload={(qc, name, _description, file) => uploadEmoji(qc, server.id, name, file)}
      rename={(qc, id, name) => renameEmoji(qc, server.id, id, name)}
      remove={(qc, id) => deleteEmoji(qc, server.id, id)}
    />
  );
}
