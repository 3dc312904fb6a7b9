/* Stores the walk area's map tiles in Cache Storage, so the field page's map works with no connection.
 *
 * Only walkapp's own tiles (a municipality whose tile source is "local"): the server sends a plan
 * (the area, the zooms, the limits) in the field config. A third-party source gets no plan:
 * OpenStreetMap's tile policy (like most providers') forbids prefetching, so offline the phone
 * only has the tiles it has already shown. The service worker answers /tiles/ from these caches.
 */
const PREFIX = "walkapp-tiles-";
const WORKERS = 4;
const ANNOUNCE_MS = 1500;

function tileXY(lat, lon, z) {
  // The same formula as walkapp.tiles.services.tile_xy.
  const n = 2 ** z;
  const clamped = Math.max(Math.min(lat, 85.0511), -85.0511);
  const rad = (clamped * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n);
  return [Math.min(Math.max(x, 0), n - 1), Math.min(Math.max(y, 0), n - 1)];
}

function tileUrls(plan) {
  const [west, south, east, north] = plan.bounds;
  const urls = [];
  for (let z = plan.minZoom; z <= plan.maxZoom; z += 1) {
    const [x0, y0] = tileXY(north, west, z);
    const [x1, y1] = tileXY(south, east, z);
    for (let x = x0; x <= x1; x += 1) {
      for (let y = y0; y <= y1; y += 1) {
        const path = plan.url.replace("{z}", z).replace("{x}", x).replace("{y}", y);
        urls.push(new URL(path, location.href).href); // the very URL Leaflet asks for
      }
    }
  }
  return urls;
}

function statusElements() {
  const box = document.createElement("div");
  box.className = "tile-status";
  const status = document.createElement("p");
  status.id = "tile-status";
  status.className = "field__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  // The bar moves with every tile for the eye; the text (read aloud) changes less often.
  const bar = document.createElement("progress");
  bar.setAttribute("aria-hidden", "true");
  bar.hidden = true;
  box.append(status, bar);
  const map = document.getElementById("map");
  if (map) map.insertAdjacentElement("afterend", box);
  else document.body.append(box);
  return [status, bar];
}

async function storeTiles(plan) {
  const planKey = new URL(`/tiles/_stored/${plan.cache}`, location.href).href;
  const wanted = JSON.stringify([plan.url, plan.bounds, plan.minZoom, plan.maxZoom]);
  const cache = await caches.open(plan.cache);
  // One walk's map at a time: an earlier walk's tiles make room for this one.
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== plan.cache) await caches.delete(name);
  }
  const [status, bar] = statusElements();
  const stored = await cache.match(planKey);
  if (stored && (await stored.text()) === wanted) {
    status.textContent = plan.messages.done;
    return;
  }
  if (!navigator.onLine) return;
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});

  const urls = tileUrls(plan);
  const total = urls.length;
  let done = 0;
  let bytes = 0;
  let next = 0;
  let full = false;
  let failed = false;
  let lastAnnounced = 0;
  const progress = plan.messages.progress.replace("{total}", total);
  bar.max = total;
  bar.hidden = false;
  const show = (force) => {
    const now = Date.now();
    bar.value = done;
    if (force || now - lastAnnounced >= ANNOUNCE_MS) {
      status.textContent = progress.replace("{done}", done);
      lastAnnounced = now;
    }
  };
  show(true);

  async function worker() {
    while (next < total && !full && !failed) {
      const url = urls[next];
      next += 1;
      let response = await cache.match(url);
      if (!response) {
        try {
          response = await fetch(url, { credentials: "same-origin" });
        } catch (err) {
          failed = true; // the connection went: what is stored stays, the rest comes next time
          break;
        }
        if (response.ok) {
          const body = await response.clone().arrayBuffer();
          if (bytes + body.byteLength > plan.maxBytes) {
            full = true;
            break;
          }
          bytes += body.byteLength;
          await cache.put(url, response);
        } // a 404 is a tile the file does not have (sea, outside it): nothing to keep
      } else {
        bytes += Number(response.headers.get("Content-Length") || 0);
      }
      done += 1;
      show(false);
    }
  }

  await Promise.all(Array.from({ length: WORKERS }, worker));
  show(true);
  bar.hidden = true;
  if (failed) {
    status.textContent = plan.messages.failed;
  } else if (full) {
    status.textContent = plan.messages.partial;
  } else {
    await cache.put(planKey, new Response(wanted));
    status.textContent = plan.messages.done;
  }
}

const configElement = document.getElementById("field-config");
const config = configElement ? JSON.parse(configElement.textContent) : null;
if (config && config.tiles && "caches" in window) {
  storeTiles(config.tiles).catch(() => {
    const status = document.getElementById("tile-status");
    if (status) status.textContent = config.tiles.messages.failed;
  });
}
