// Runs before first paint (a classic, parser-blocking script: no inline code, so the CSP allows it).
// Mirrors src/lib/theme.ts and src/i18n/language.ts; src/lib/themeBoot.test.ts checks that they agree.
(function () {
  "use strict";
  var root = document.documentElement;
  var theme = "auto";
  var language = "";
  try {
    theme = window.localStorage.getItem("parley.theme") || "auto";
    language = window.localStorage.getItem("parley.language") || "";
  } catch {
    // Storage may be disabled; fall back to the defaults.
  }
  if (theme !== "light" && theme !== "dark") {
    theme = "auto";
  }
  var dark =
    theme === "dark" ||
    (theme === "auto" && !!window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  root.setAttribute("data-theme", dark ? "dark" : "light");
  root.setAttribute("data-theme-preference", theme);
  if (language !== "en" && language !== "ru") {
    var nav = (window.navigator && window.navigator.language) || "en";
    language = nav.toLowerCase().indexOf("ru") === 0 ? "ru" : "en";
  }
  root.setAttribute("lang", language);
})();
