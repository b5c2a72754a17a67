import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { channelsKey, messagesKey, useChannels } from "../chat/api";
import type { Channel, MessagesState } from "../chat/model";
import { channelsOnMessage, patchMessage, upsertMessage } from "../chat/reducers";
import { serverOfChannel, useServerChannels } from "../servers/api";
import { can } from "../servers/permissions";
import type { Poll, PollDraft } from "./logic";

function newNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${String(Date.now())}-${Math.random().toString(36).slice(2)}`;
}

/** Posts a poll as a message (its text is optional) and shows it at once. */
export async function createPoll(qc: QueryClient, channelId: string, meId: string, draft: PollDraft, replyToId: string | null): Promise<void> {
  const message = await unwrap(() =>
    api.POST("/api/v1/channels/{channelId}/messages", {
      params: { path: { channelId: pathId(channelId) } },
      body: {
        content: "",
        nonce: newNonce(),
        replyToId,
        attachmentIds: null,
        stickerId: null,
        poll: {
          question: draft.question.trim(),
          options: draft.options.map((o) => o.trim()).filter((o) => o !== ""),
          allowMultiple: draft.allowMultiple,
          durationMinutes: draft.durationMinutes,
        },
      },
    }),
  );
  qc.setQueryData<MessagesState>(messagesKey(channelId), (s) => upsertMessage(s, message));
  qc.setQueryData<Channel[]>(channelsKey, (l) => channelsOnMessage(l, message, { meId, reading: true }));
}

function setPoll(qc: QueryClient, channelId: string, messageId: string, poll: Poll) {
  qc.setQueryData<MessagesState>(messagesKey(channelId), (s) => patchMessage(s, messageId, { poll }));
}

/** Replaces the reader's choices (an empty list takes the vote back). */
export async function vote(qc: QueryClient, channelId: string, messageId: string, optionIds: string[]): Promise<void> {
  const poll = await unwrap(() =>
    api.PUT("/api/v1/channels/{channelId}/polls/{messageId}/votes", {
      params: { path: { channelId: pathId(channelId), messageId: pathId(messageId) } },
      body: { optionIds },
    }),
  );
  setPoll(qc, channelId, messageId, poll);
}

export async function endPoll(qc: QueryClient, channelId: string, messageId: string): Promise<void> {
  const poll = await unwrap(() =>
    api.POST("/api/v1/channels/{channelId}/polls/{messageId}/expire", {
      params: { path: { channelId: pathId(channelId), messageId: pathId(messageId) } },
    }),
  );
  setPoll(qc, channelId, messageId, poll);
}

/** Whether the reader may end others' polls here: Manage Messages in a server channel, or owning the group. */
export function useModerates(channelId: string, meId: string): boolean {
  const qc = useQueryClient();
  const serverId = serverOfChannel(qc, channelId);
  const serverChannels = useServerChannels(serverId ?? "", serverId !== null);
  const chats = useChannels(serverId === null);
  if (serverId !== null) return can(serverChannels.data?.find((c) => c.id === channelId)?.myPermissions, "ManageMessages");
  const chat = chats.data?.find((c) => c.id === channelId);
  return chat?.type === "group" && chat.ownerId === meId;
}
