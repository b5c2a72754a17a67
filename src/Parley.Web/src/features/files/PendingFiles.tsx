import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { fileLabel, formatSize, MAX_ATTACHMENTS } from "./format";
import { progressOf, type PendingFile, type QueueState, type UploadError } from "./uploadQueue";
import "./files.css";

const ERROR_KEYS = {
  tooLarge: "files.error.tooLarge",
  quota: "files.error.quota",
  invalid: "files.error.invalid",
  network: "files.error.network",
  server: "files.error.server",
  rateLimited: "files.error.rateLimited",
} as const satisfies Record<UploadError, string>;

interface PendingFilesProps {
  state: QueueState;
  onRemove: (key: string) => void;
  onDismissRejected: () => void;
}

/** The files about to go with the message, above the input: thumbnail or type, name, size, progress, remove. */
export function PendingFiles({ state, onRemove, onDismissRejected }: PendingFilesProps) {
  const { t } = useTranslation();
  if (state.files.length === 0 && state.rejected === 0) return null;
  return (
    <div className="pending-files">
      {state.rejected > 0 ? (
        <div className="pending-files__notice" role="alert">
          <span>{t("files.tooMany", { count: state.rejected, max: MAX_ATTACHMENTS })}</span>
          <button type="button" className="icon-button icon-button--small" aria-label={t("common.dismiss")} onClick={onDismissRejected}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ) : null}
      {state.files.length > 0 ? (
        <ul className="pending-files__list" aria-label={t("files.pending")}>
          {state.files.map((f) => (
            <PendingChip key={f.key} file={f} onRemove={onRemove} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PendingChip({ file, onRemove }: { file: PendingFile; onRemove: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round(progressOf(file) * 100);
  return (
    <li className={`pending-file pending-file--${file.state}`} data-testid="pending-file" data-state={file.state}>
      <span className="pending-file__thumb">
        {file.preview ? <img src={file.preview} alt="" /> : <span className="pending-file__type">{fileLabel(file.name)}</span>}
      </span>
      <span className="pending-file__text">
        <span className="pending-file__name" title={file.name}>
          {file.name}
        </span>
        {file.state === "failed" ? (
          <span className="pending-file__error" role="alert">
            {t(ERROR_KEYS[file.error])}
          </span>
        ) : (
          <span className="pending-file__size">
            {file.state === "uploading" ? t("files.uploading", { percent }) : formatSize(file.size, i18n.language)}
          </span>
        )}
        {file.state === "uploading" ? (
          <span
            className="pending-file__progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t("files.progress", { name: file.name })}
            data-testid="pending-file-progress"
          >
            <span className="pending-file__bar" style={{ transform: `scaleX(${String(percent / 100)})` }} />
          </span>
        ) : null}
      </span>
      <button
        type="button"
        className="pending-file__remove"
        data-testid="pending-file-remove"
        aria-label={file.state === "uploading" ? t("files.cancel", { name: file.name }) : t("files.remove", { name: file.name })}
        title={file.state === "uploading" ? t("files.cancelShort") : t("files.removeShort")}
        onClick={() => {
          onRemove(file.key);
        }}
      >
        <Icon name="close" size={14} />
      </button>
    </li>
  );
}
