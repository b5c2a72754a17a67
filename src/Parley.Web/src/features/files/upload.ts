import i18n from "i18next";
import { ANTIFORGERY_PATH, createAntiforgery } from "../../api/antiforgery";
import { ApiError, isProblemDetails } from "../../api/problem";

const antiforgery = createAntiforgery({
  readCookies: () => document.cookie,
  fetchToken: async () => {
    await fetch(ANTIFORGERY_PATH, { credentials: "same-origin", headers: { Accept: "application/json" } });
  },
});

export interface UploadOptions {
  method?: "POST" | "PUT";
  fileName?: string;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one file as multipart/form-data (part "file") with XMLHttpRequest, which, unlike fetch, reports upload
 * progress. Resolves with the JSON answer; rejects with an ApiError (status 0: network), or an AbortError.
 */
export async function uploadMultipart<T>(url: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const method = options.method ?? "POST";
  const headers = await antiforgery.headersFor(method);
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException("Aborted", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", i18n.language || "en");
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    };
    const onAbort = () => {
      xhr.abort();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => options.signal?.removeEventListener("abort", onAbort);
    xhr.onload = () => {
      done();
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, isProblemDetails(body) ? body : null));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, null));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("Aborted", "AbortError"));
    };
    const form = new FormData();
    form.append("file", file, options.fileName ?? (file instanceof File ? file.name : "file"));
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
