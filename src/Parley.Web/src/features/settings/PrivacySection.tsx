import { useTranslation } from "react-i18next";
import type { PrivacySettings } from "../../api/client";
import { Switch } from "../../lib/components/Switch";
import { useSettings } from "./api";
import { ChoiceCards } from "./ChoiceCards";
import { QueryState } from "./QueryState";
import { useSaveSettings } from "./useSaveSettings";

type Privacy = PrivacySettings;
type Audience = Privacy["lastSeen"];

const AUDIENCES: readonly Audience[] = ["everyone", "friends", "nobody"];
const DM_AUDIENCES: readonly Privacy["directMessages"][] = ["everyone", "friends"];

export function PrivacySection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const save = useSaveSettings();

  return (
    <div className="settings-stack">
      <p className="settings-lead">{t("settings.privacy.description")}</p>
      <QueryState query={settings} rows={4}>
        {({ privacy }) => (
          <>
            <div className="card">
              <ChoiceCards
                name="lastSeen"
                legend={t("settings.privacy.lastSeen")}
                variant="segmented"
                value={privacy.lastSeen}
                onChange={(lastSeen) => {
                  save({ privacy: { lastSeen } });
                }}
                choices={AUDIENCES.map((a) => ({ value: a, label: t(`settings.privacy.audience.${a}`), testId: `privacy-lastSeen-${a}` }))}
              />
            </div>
            <div className="card">
              <ChoiceCards
                name="onlineStatus"
                legend={t("settings.privacy.onlineStatus")}
                variant="segmented"
                value={privacy.onlineStatus}
                onChange={(onlineStatus) => {
                  save({ privacy: { onlineStatus } });
                }}
                choices={AUDIENCES.map((a) => ({ value: a, label: t(`settings.privacy.audience.${a}`), testId: `privacy-onlineStatus-${a}` }))}
              />
            </div>
            <div className="card">
              <ChoiceCards
                name="directMessages"
                legend={t("settings.privacy.directMessages")}
                variant="segmented"
                value={privacy.directMessages}
                onChange={(directMessages) => {
                  save({ privacy: { directMessages } });
                }}
                choices={DM_AUDIENCES.map((a) => ({
                  value: a,
                  label: t(`settings.privacy.audience.${a}`),
                  testId: `privacy-directMessages-${a}`,
                }))}
              />
            </div>
            <div className="card card--list">
              <Switch
                label={t("settings.privacy.readReceipts")}
                hint={t("settings.privacy.readReceiptsHint")}
                checked={privacy.readReceipts}
                testId="privacy-readReceipts"
                onChange={(readReceipts) => {
                  save({ privacy: { readReceipts } });
                }}
              />
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
