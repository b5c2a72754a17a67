import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";
import { ToastContext, type ToastKind } from "./toastContext";

interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

const DURATION_MS = 4000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (message: string, kind: ToastKind = "info") => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-2), { id, message, kind }]);
      window.setTimeout(() => {
        dismiss(id);
      }, DURATION_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.kind}`} data-testid="toast">
            <Icon name={toast.kind === "error" ? "alert" : "check"} size={18} />
            <span className="toast__text">{toast.message}</span>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={t("common.dismiss")}
              onClick={() => {
                dismiss(toast.id);
              }}
            >
              <Icon name="close" size={16} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
