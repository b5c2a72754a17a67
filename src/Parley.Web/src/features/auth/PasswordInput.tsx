import { useState, type ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/components/Icon";
import { TextField } from "../../lib/components/Field";

type PasswordInputProps = Omit<ComponentProps<typeof TextField>, "type" | "trailing">;

export function PasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? "text" : "password"}
      trailing={
        <button
          type="button"
          className="icon-button input-wrap__button"
          aria-label={visible ? t("auth.hidePassword") : t("auth.showPassword")}
          aria-pressed={visible}
          onClick={() => {
            setVisible((v) => !v);
          }}
        >
          <Icon name={visible ? "eyeOff" : "eye"} size={20} />
        </button>
      }
    />
  );
}
