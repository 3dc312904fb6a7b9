/* The field page's planned route and stops, the opt-in shared track, and the leader's live pins. */
import { startLiveView } from "../live-view.js";

// A point is kept when the phone has moved this far, or this long has passed; a batch is sent
// as often. Enough for the shape of the way, little for the battery and the server.
const STEP_M = 25;
const EVERY_MS = 30000;
const MAX_WAITING = 500;
const BATCH = 200;

export function attachRoute(map, config) {
  drawRoute(map, config.route);
  if (config.liveUrl) startLiveView(map, { url: config.liveUrl });
  const box = document.getElementById("share-track");
  if (box && config.trackUrl) shareTrack(box, config);
}

function drawRoute(map, route) {
  if (!route) return;
  const bounds = [];
  for (const feature of route.features) {
    const geometry = feature.geometry;
    const positions = geometry.type === "Point" ? [geometry.coordinates] : geometry.coordinates;
    bounds.push(...positions.map(([lon, lat]) => [lat, lon]));
    if (geometry.type === "LineString") {
      L.polyline(geometry.coordinates.map(([lon, lat]) => [lat, lon]), {
        className: "map-route", weight: 4, dashArray: "8 6", interactive: false,
      }).addTo(map);
    } else if (geometry.type === "Point") {
      const label = document.createElement("span");
      label.textContent = feature.properties.name; // text, never HTML
      const [lon, lat] = geometry.coordinates;
      L.circleMarker([lat, lon], { radius: 7, className: "map-stop", weight: 3, fillOpacity: 1 })
        .bindTooltip(label).addTo(map);
    }
  }
  // The walk happens along its route: show all of it until the phone knows where it is.
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  else if (bounds.length) map.setView(bounds[0], 16);
}

function metres(a, b) {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6371000;
}

/* Random per phone and walk: it tells one track from another, never whose it is. */
function trackKey(walkId) {
  const name = "walkapp-track-key-" + walkId;
  let key = localStorage.getItem(name);
  if (!key) {
    key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(name, key);
  }
  return key;
}

function shareTrack(box, config) {
  const status = document.getElementById("track-status");
  const csrf = (document.querySelector("[data-csrf]") || { dataset: {} }).dataset.csrf || "";
  const chosen = "walkapp-track-on-" + config.walkId;
  let watch = null;
  let timer = null;
  let waiting = [];
  let last = null;

  function say(text) {
    if (status) status.textContent = text || "";
  }

  function keep(position) {
    const point = {
      recorded_at: new Date(position.timestamp).toISOString(),
      lat: position.coords.latitude,
      lon: position.coords.longitude,
      accuracy: position.coords.accuracy,
    };
    if (last && position.timestamp - last.at < EVERY_MS && metres(last, point) < STEP_M) return;
    last = { at: position.timestamp, lat: point.lat, lon: point.lon };
    waiting.push(point);
    if (waiting.length > MAX_WAITING) waiting.shift();
  }

  async function send() {
    if (!waiting.length) return;
    const batch = waiting.slice(0, BATCH);
    try {
      const response = await fetch(config.trackUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ track_key: trackKey(config.walkId), points: batch }),
      });
      if (response.ok) waiting = waiting.filter((point) => !batch.includes(point));
      // The walk has closed (or the phone left it): sharing stops, nothing more is sent.
      else if (response.status >= 400 && response.status < 500) stop(status && status.dataset.closed);
    } catch (err) {
      /* no connection: the points wait for the next try (a retry stores nothing twice) */
    }
  }

  function start() {
    if (!navigator.geolocation) {
      stop(status && status.dataset.noGps);
      return;
    }
    localStorage.setItem(chosen, "1");
    watch = navigator.geolocation.watchPosition(keep, () => say(status && status.dataset.noGps), {
      enableHighAccuracy: true, maximumAge: 10000,
    });
    timer = setInterval(send, EVERY_MS);
    say(status && status.dataset.on);
  }

  function stop(message) {
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    clearInterval(timer);
    watch = null;
    waiting = []; // turned off: what was not yet sent is not sent
    last = null;
    box.checked = false;
    localStorage.removeItem(chosen);
    say(message);
  }

  box.addEventListener("change", () => (box.checked ? start() : stop(status && status.dataset.off)));
  // The choice survives a reload of the page during the walk; it is never made for anyone
  // (a box ticked before this script ran was ticked by the person: the browser may not refill it).
  if (localStorage.getItem(chosen) === "1" || box.checked) {
    box.checked = true;
    start();
  }
  window.addEventListener("pagehide", () => { if (box.checked) send(); });
}
