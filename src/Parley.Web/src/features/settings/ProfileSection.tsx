import { useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Me, MeChange } from "../../api/client";
import { TextAreaField, TextField } from "../../lib/components/Field";
import { FormError } from "../../lib/components/FormError";
import { Spinner } from "../../lib/components/Spinner";
import { useToast } from "../../lib/components/toastContext";
import { clearFieldErrors, formErrorsFrom, NO_ERRORS, type FormErrors } from "../../lib/errors";
import { useMe, useUpdateMe } from "../auth/api";
import { AvatarEditor } from "../files/AvatarEditor";

const LIMITS = { displayName: 64, bio: 500, statusText: 128 } as const;
const FIELDS = ["displayName", "bio", "statusText"] as const;
type Field = (typeof FIELDS)[number];

function initialValues(me: Me): Record<Field, string> {
  return { displayName: me.displayName ?? "", bio: me.bio ?? "", statusText: me.statusText ?? "" };
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const [saved, setSaved] = useState(() => initialValues(me));
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const changed = FIELDS.filter((f) => values[f].trim() !== saved[f].trim());

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => clearFieldErrors(e, field));
  }

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    for (const f of FIELDS) {
      if (Array.from(values[f].trim()).length > LIMITS[f]) local[f] = [t("errors.tooLong", { max: LIMITS[f] })];
    }
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      return;
    }
    if (changed.length === 0) return;
    const patch: MeChange = {};
    for (const f of changed) patch[f] = values[f].trim();
    setErrors(NO_ERRORS);
    update.mutate(patch, {
      onSuccess: (next) => {
        const fresh = initialValues(next);
        setSaved(fresh);
        setValues(fresh);
        toast.show(t("settings.profile.saved"), "success");
      },
      onError: (error) => {
        setErrors(formErrorsFrom(error, FIELDS, t));
      },
    });
  }

  const left = (f: Field) => LIMITS[f] - Array.from(values[f]).length;
  const name = values.displayName.trim() || me.username;

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <div className="profile-card">
        <AvatarEditor me={me} name={name}>
          <div className="profile-card__text">
            <span className="profile-card__name">{name}</span>
            <span className="profile-card__username">@{me.username}</span>
          </div>
        </AvatarEditor>
      </div>
      <FormError messages={errors.general} />
      <TextField
        label={t("settings.profile.displayName")}
        hint={t("settings.profile.displayNameHint")}
        value={values.displayName}
        maxLength={LIMITS.displayName}
        autoComplete="nickname"
        errors={errors.fields.displayName}
        testId="profile-displayname"
        counter={left("displayName") <= 10 ? left("displayName") : undefined}
        onChange={(e) => {
          set("displayName", e.target.value);
        }}
      />
      <TextField
        label={t("settings.profile.statusText")}
        hint={t("settings.profile.statusTextHint")}
        placeholder={t("settings.profile.statusTextPlaceholder")}
        value={values.statusText}
        maxLength={LIMITS.statusText}
        errors={errors.fields.statusText}
        testId="profile-status"
        counter={left("statusText") <= 20 ? left("statusText") : undefined}
        onChange={(e) => {
          set("statusText", e.target.value);
        }}
      />
      <TextAreaField
        label={t("settings.profile.bio")}
        hint={t("settings.profile.bioHint")}
        value={values.bio}
        rows={4}
        maxLength={LIMITS.bio}
        errors={errors.fields.bio}
        testId="profile-bio"
        counter={t("settings.profile.charsLeft", { count: left("bio") })}
        onChange={(e) => {
          set("bio", e.target.value);
        }}
      />
      <div className="settings-form__actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="profile-save"
          disabled={update.isPending || changed.length === 0}
        >
          {update.isPending ? <Spinner /> : null}
          {update.isPending ? t("common.saving") : t("common.save")}
        </button>
        {changed.length > 0 && !update.isPending ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setValues(saved);
              setErrors(NO_ERRORS);
            }}
          >
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function ProfileSection() {
  const { data: me } = useMe();
  if (!me) return null;
  return <ProfileForm me={me} />;
}
