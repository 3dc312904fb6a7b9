/* Sending the outbox (js/outbox.js keeps it): on load, back online, back to the tab, on a backoff
   timer, by Background Sync and by the button; and the service worker that keeps the page offline. */

const FIRST_WAIT_MS = 5000;
const LONGEST_WAIT_MS = 5 * 60 * 1000;

/**
 * `render()` draws the list and returns how many records wait; `onAllSent()` runs when none does.
 * Returns { flush(redraw), requestSync() }: redraw=false when the page has just drawn its pins.
 */
export function createSender({ Outbox, messages, render, onAllSent }) {
  const status = document.getElementById("sync-status");
  let backoff = FIRST_WAIT_MS;
  let timer = null;

  async function flush(redraw = true) {
    status.textContent = messages.sending;
    try {
      await Outbox.flush();
    } catch (err) {
      /* what could not be sent stays waiting: counted below */
    }
    const waiting = await render();
    clearTimeout(timer);
    if (waiting > 0) {
      status.textContent = navigator.onLine ? messages.someWaiting.replace("{n}", waiting) : messages.offline;
      timer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, LONGEST_WAIT_MS);
    } else {
      backoff = FIRST_WAIT_MS;
      status.textContent = messages.allSent;
      if (redraw) onAllSent();
    }
  }

  async function requestSync() {
    try {
      const registration = await navigator.serviceWorker.ready;
      if ("sync" in registration) await registration.sync.register("walkapp-outbox");
    } catch (err) {
      /* Background Sync is Chromium-only: the other triggers cover the rest */
    }
  }

  const now = () => {
    backoff = FIRST_WAIT_MS;
    flush();
  };
  document.getElementById("send-now").addEventListener("click", now);
  window.addEventListener("online", now);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });
  return { flush, requestSync };
}

/** The service worker, and this page kept in its cache for offline reloads. */
export function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  // The first visit loads before the worker controls the page: the worker keeps this page
  // for offline reloads, in its cache (named from the build, so only it knows the name).
  navigator.serviceWorker.ready
    .then((registration) => registration.active.postMessage({ type: "keep", url: location.pathname }))
    .catch(() => {});
}
