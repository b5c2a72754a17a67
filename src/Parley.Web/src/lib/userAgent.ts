export type DeviceKind = "desktop" | "phone" | "tablet" | "cli" | "unknown";

export interface DeviceInfo {
  /** "Chrome 120", "Firefox", "Parley CLI 1.2"; null when unknown. */
  browser: string | null;
  /** "Windows", "macOS", "Android 14", "iOS 17"; null when unknown. */
  os: string | null;
  kind: DeviceKind;
}

function major(version: string | undefined): string {
  if (!version) return "";
  return " " + (version.split(/[._]/)[0] ?? version);
}

function parseBrowser(ua: string): string | null {
  const rules: [RegExp, string][] = [
    [/\bParley(?:\.Cli|CLI|-cli)?\/([\d.]+)/i, "Parley CLI"],
    [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, "Edge"],
    [/\bOPR\/([\d.]+)/, "Opera"],
    [/\bYaBrowser\/([\d.]+)/, "Yandex Browser"],
    [/\bSamsungBrowser\/([\d.]+)/, "Samsung Internet"],
    [/\bFirefox\/([\d.]+)/, "Firefox"],
    [/\bFxiOS\/([\d.]+)/, "Firefox"],
    [/\bCriOS\/([\d.]+)/, "Chrome"],
    [/\bHeadlessChrome\/([\d.]+)/, "Headless Chrome"],
    [/\bChrom(?:e|ium)\/([\d.]+)/, "Chrome"],
    [/\bVersion\/([\d.]+).*\bSafari\//, "Safari"],
    [/\bcurl\/([\d.]+)/, "curl"],
    [/\bPostmanRuntime\/([\d.]+)/, "Postman"],
    [/\bpython-requests\/([\d.]+)/, "Python"],
    [/\bnode-fetch|undici/i, "Node.js"],
  ];
  for (const [re, name] of rules) {
    const m = re.exec(ua);
    if (m) return name + major(m[1]);
  }
  return null;
}

function parseOs(ua: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /\b(?:iPhone|iPad|iPod).*? OS (\d+)[_\d]*/.exec(ua))) return "iOS" + major(m[1]);
  if ((m = /\bAndroid (\d+)/.exec(ua))) return "Android" + major(m[1]);
  if (/\bAndroid\b/.test(ua)) return "Android";
  if (/\bWindows NT 10/.test(ua)) return "Windows";
  if (/\bWindows\b/.test(ua)) return "Windows";
  if (/\bCrOS\b/.test(ua)) return "ChromeOS";
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return "macOS";
  if (/\bUbuntu\b/.test(ua)) return "Ubuntu";
  if (/\bLinux\b|\bX11\b/.test(ua)) return "Linux";
  return null;
}

export function parseUserAgent(ua: string | null | undefined): DeviceInfo {
  if (!ua) return { browser: null, os: null, kind: "unknown" };
  const browser = parseBrowser(ua);
  const os = parseOs(ua);
  let kind: DeviceKind = "unknown";
  if (browser?.startsWith("Parley CLI") || /^(curl|Python|Node\.js|Postman)/.test(browser ?? "")) kind = "cli";
  else if (/\biPad\b|\bTablet\b/.test(ua) || (/\bAndroid\b/.test(ua) && !/\bMobile\b/.test(ua))) kind = "tablet";
  else if (/\bMobi|iPhone|iPod\b/.test(ua)) kind = "phone";
  else if (os) kind = "desktop";
  return { browser, os, kind };
}
