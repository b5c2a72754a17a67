import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { generalErrorMessage } from "../../lib/errors";

/** Skeleton while loading, a retry on failure, else the content. */
export function QueryState<T>({ query, rows = 3, children }: { query: UseQueryResult<T>; rows?: number; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="skeleton-list" aria-busy="true" aria-label={t("app.loading")}>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="skeleton" />
        ))}
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="load-error" role="alert">
        <p>{generalErrorMessage(query.error, t)}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            void query.refetch();
          }}
        >
          {t("common.retry")}
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
