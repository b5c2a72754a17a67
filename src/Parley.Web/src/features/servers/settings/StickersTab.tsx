import { deleteSticker, renameSticker, STICKER_MAX_BYTES, uploadSticker, useServerStickers } from "../../emoji/api";
import type { Server } from "../api";
import { AssetsTab } from "./AssetsTab";

export const MAX_STICKERS = 20;

export function StickersTab({ server }: { server: Server }) {
  const stickers = useServerStickers(server.id);
  return (
    <AssetsTab
      kind="stickers"
      serverId={server.id}
      items={stickers.data}
      loading={stickers.isPending}
      max={MAX_STICKERS}
      maxBytes={STICKER_MAX_BYTES}
      withDescription
      upload={(qc, name, description, file) => uploadSticker(qc, server.id, name, description, file)}
      rename={(qc, id, name) => renameSticker(qc, server.id, id, name)}
      remove={(qc, id) => deleteSticker(qc, server.id, id)}
    />
  );
}
