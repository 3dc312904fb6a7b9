/* The colours chosen on this device (day, night, or as the device), set on <html> before the first paint. */
// A classic script, not a module, loaded without defer in <head>: it must run before the page is
// drawn, or a dark phone flashes white. The CSS reads data-theme; "auto" follows the device.
(function () {
  "use strict";

  const KEY = "walkapp-theme";
  const THEMES = ["light", "dark", "auto"];
  const root = document.documentElement;

  function stored() {
    try {
      const value = window.localStorage.getItem(KEY);
      return THEMES.includes(value) ? value : "auto";
    } catch (err) {
      return "auto"; // storage refused (private mode, blocked cookies): follow the device
    }
  }

  function remember(theme) {
    try {
      window.localStorage.setItem(KEY, theme);
    } catch (err) {
      // Not remembered, but still applied to this page.
    }
  }

  function apply(theme) {
    root.setAttribute("data-theme", theme);
    const form = document.getElementById("theme-switch");
    if (!form) return;
    form.querySelectorAll('input[name="theme"]').forEach((input) => {
      input.checked = input.value === theme;
    });
  }

  apply(stored()); // the CSS shows the switch only once data-theme is set, that is, with this script

  // "interactive" comes when the HTML is parsed, before deferred and module scripts run (which
  // DOMContentLoaded waits for): the switch shows its state at once, however slow the map is.
  function showState() {
    if (document.readyState !== "loading") apply(root.getAttribute("data-theme"));
  }
  document.addEventListener("readystatechange", showState);
  showState();

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.name !== "theme" || !input.closest("#theme-switch")) return;
    if (!THEMES.includes(input.value)) return;
    remember(input.value);
    apply(input.value);
  });

  // Another tab of walkapp changed the colours: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) apply(stored());
  });
})();
