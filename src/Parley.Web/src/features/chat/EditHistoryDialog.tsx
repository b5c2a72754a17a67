import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { pathId } from "../../api/wire";
import { Spinner } from "../../lib/components/Spinner";
import { formatDateTime } from "../../lib/time";
import { Dialog } from "./Dialog";
import { Markdown } from "./Markdown";
import type { ChatMessage } from "./model";

export function EditHistoryDialog({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const edits = useQuery({
    queryKey: ["edits", message.id, message.editedAt],
    queryFn: ({ signal }) =>
      unwrap(() =>
        api.GET("/api/v1/channels/{channelId}/messages/{messageId}/edits", {
          params: { path: { channelId: pathId(message.channelId), messageId: pathId(message.id) } },
          signal,
        }),
      ),
  });
  return (
    <Dialog title={t("chat.message.editHistory")} onClose={onClose} testId="edit-history">
      {edits.isPending ? <Spinner label={t("app.loading")} /> : null}
      <ol className="edit-history">
        {(edits.data ?? []).map((v, i, all) => (
          <li key={`${v.at}-${String(i)}`} className="edit-history__item" data-testid="edit-version">
            <span className="edit-history__when">
              {i === 0 ? t("chat.message.original") : i === all.length - 1 ? t("chat.message.current") : ""} {formatDateTime(v.at, i18n.language)}
            </span>
            <div className="edit-history__text">
              <Markdown text={v.content} />
            </div>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
