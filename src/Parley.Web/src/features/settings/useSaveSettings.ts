import { useTranslation } from "react-i18next";
import type { SettingsChange } from "../../api/client";
import { useToast } from "../../lib/components/toastContext";
import { generalErrorMessage } from "../../lib/errors";
import { usePatchSettings } from "./api";

/** Saves a settings change in the background; says so only if it fails. */
export function useSaveSettings(): (patch: SettingsChange) => void {
  const { t } = useTranslation();
  const toast = useToast();
  const patch = usePatchSettings();
  return (body) => {
    patch.mutate(body, {
      onError: (error) => {
        toast.show(`${t("settings.saveFailed")} ${generalErrorMessage(error, t)}`, "error");
      },
    });
  };
}
