/* walkapp's service worker: the app shell offline, and the outbox sent by Background Sync. */
"use strict";
importScripts("/static/js/outbox.js");

// Replaced, when /sw.js is served, by a hash over every static file (walkapp/assets.py): a
// deploy changes this file's bytes, so the browser installs the new worker at the next load.
const BUILD = "dev";
const CACHE = "walkapp-shell-" + BUILD;
// The "/static/..." names below are rewritten to the build's hashed URLs when served.
const SHELL = [
  "/offline",
  "/join",
  "/manifest.webmanifest",
  "/static/css/walkapp.css",
  "/static/css/desk.css",
  "/static/js/outbox.js",
  "/static/js/theme.js",
  // The field page's modules and Leaflet, bundled (scripts/build-frontend.sh).
  "/static/dist/field.js",
  "/static/dist/field.css",
  "/static/icons/walkapp.svg",
  "/static/icons/categories.svg",
];
// Not kept: the app icons (the browser fetches the manifest's icons itself) and Leaflet's marker
// images, which leaflet.css names unhashed (images/marker-icon.png): the field page draws circle
// markers; its draggable position pin draws itself (field/position.js).

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      // Only older builds' shells: other caches (a walk's stored map tiles) outlive a deploy.
      .then((keys) => keys.filter((key) => key.startsWith("walkapp-shell-") && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    if (fallbackUrl) return cache.match(fallbackUrl);
    throw err;
  }
}

// A hashed name never changes content: from the cache without asking the network.
const HASHED = /\.[0-9a-f]{10}(\.[^./]+)?$/;

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached || fresh;
}

// ---------- map tiles served by walkapp itself (/tiles/...) ----------
// tiles.js stores a walk's area in a cache of its own ("walkapp-tiles-<walk id>"); any cache that
// holds the tile answers, else the network. Third-party tiles never come here (other origins):
// their providers forbid prefetching, so offline the browser's HTTP cache has what was seen.
async function tileFromCaches(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (err) {
    return new Response("", { status: 504, statusText: "offline" });
  }
}

self.addEventListener("fetch", (event) => {
  if (event.request.method === "GET") {
    const tileUrl = new URL(event.request.url);
    if (tileUrl.origin === self.location.origin && tileUrl.pathname.startsWith("/tiles/")) {
      event.respondWith(tileFromCaches(event.request));
    }
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Writes go straight to the network (the outbox retries them); other origins (map tiles) too.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname.startsWith("/field/") || url.pathname.startsWith("/join")) {
      event.respondWith(networkFirst(request, "/offline"));
    }
    return;
  }
  if (url.pathname.startsWith("/static/") && HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(staleWhileRevalidate(request));
  } else if (url.pathname.startsWith("/api/walks/")) {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "walkapp-outbox") event.waitUntil(self.WalkappOutbox.flush());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "flush") event.waitUntil(self.WalkappOutbox.flush());
  // The field page's first visit loads before the worker controls it: the page asks to be kept
  // for offline reloads (only the worker knows this build's cache name).
  if (event.data && event.data.type === "keep") {
    const url = new URL(event.data.url, self.location.origin);
    if (url.origin === self.location.origin && url.pathname.startsWith("/field/")) {
      // Already there when the worker controlled the load (networkFirst kept it): no refetch.
      // Else the page's own response, from the HTTP cache ("force-cache": the field page is
      // `private, no-cache`, so stored but never reused for a navigation): not sent twice.
      const again = () => new Request(url.pathname, { cache: "force-cache", credentials: "same-origin" });
      const keep = (cache) => cache.match(url.pathname).then((hit) => hit || cache.add(again()));
      event.waitUntil(caches.open(CACHE).then(keep).catch(() => {}));
    }
  }
});
