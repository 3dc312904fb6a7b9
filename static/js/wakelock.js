/* Keeps the phone's screen awake while the field page of an active walk is open (Screen Wake Lock). */
// It does so only while the walk is active (data-keep-awake on the page). The browser drops the lock whenever
// the page is hidden, so it is asked for again each time the page comes back. Browsers without the
// API, or that refuse (low battery, a policy), simply let the screen sleep as before.

let sentinel = null;
let wanted = false;

async function acquire() {
  if (!wanted || sentinel || document.visibilityState !== "visible") return;
  if (!("wakeLock" in navigator)) return;
  try {
    const lock = await navigator.wakeLock.request("screen");
    if (!wanted || document.visibilityState !== "visible") {
      lock.release().catch(() => {});
      return;
    }
    sentinel = lock;
    lock.addEventListener("release", () => {
      if (sentinel === lock) sentinel = null;
    });
  } catch (err) {
    sentinel = null; // refused: the screen may sleep, nothing else changes
  }
}

function release() {
  const lock = sentinel;
  sentinel = null;
  if (lock) lock.release().catch(() => {});
}

function onVisibility() {
  if (document.visibilityState === "visible") acquire();
  else release();
}

/** Keep the screen awake from now on (while the page is visible). */
export function keepAwake() {
  wanted = true;
  acquire();
}

/** Let the screen sleep again, for instance when the walk is closed. */
export function letSleep() {
  wanted = false;
  release();
}

document.addEventListener("visibilitychange", onVisibility);
window.addEventListener("pagehide", release);
window.addEventListener("pageshow", acquire);
// Other scripts (field.js) may say the walk has ended without importing this module.
document.addEventListener("walkapp:walk-closed", letSleep);
// Part of the field page's bundle, so loaded for a closed walk too: field.html marks an active one.
if (document.querySelector("[data-keep-awake]")) keepAwake();
