import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useSearchParams } from "react-router-dom";
import { Spinner } from "../../lib/components/Spinner";
import { generalErrorMessage } from "../../lib/errors";
import { safeNext } from "../../lib/safeNext";
import { useMe } from "./api";

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash">
      <img src="/icon.svg" alt="" width={64} height={64} className="splash__logo" />
      <Spinner label={t("app.loading")} />
    </div>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="splash" role="alert">
      <img src="/icon.svg" alt="" width={64} height={64} className="splash__logo" />
      <p>{generalErrorMessage(error, t)}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </div>
  );
}

/** Shows its children to a signed-in user; anyone else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Splash />;
  if (me.isError) {
    return (
      <LoadError
        error={me.error}
        onRetry={() => {
          void me.refetch();
        }}
      />
    );
  }
  if (me.data === null) {
    const here = location.pathname + location.search;
    const search = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <>{children}</>;
}

/** The sign-in and registration pages: a signed-in user is sent on into the app. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <Splash />;
  if (me.data) return <Navigate to={safeNext(params.get("next"))} replace />;
  return <>{children}</>;
}
