/* The field page: a map of the walk, the new-observation form, and the outbox that never loses. */
import { setupCapture } from "./field/capture.js";
import { createPosition } from "./field/position.js";
import { attachRoute } from "./field/route.js";

function main() {
  const root = document.querySelector(".field");
  const config = JSON.parse(document.getElementById("field-config").textContent);
  const msg = config.messages;
  // The categories' names, from the form's own tiles (the page holds them once).
  config.labels = {};
  for (const input of document.querySelectorAll('#category-field input[name="category"]')) {
    config.labels[input.value] = input.closest("label").textContent.trim();
  }
  const Outbox = window.WalkappOutbox;
  const el = (id) => document.getElementById(id);

  Outbox.setMeta("csrf", root.dataset.csrf);

  // ---------- the map ----------
  const map = L.map("map", { zoomControl: true }).setView(config.center, 16);
  L.tileLayer(config.tileUrl, { minZoom: config.tileMinZoom || 0, maxZoom: 19, maxNativeZoom: config.tileMaxZoom || 19, attribution: config.tileAttribution }).addTo(map);
  attachRoute(map, config); // the planned route, the shared track, the leader's live pins
  const pins = L.layerGroup().addTo(map);
  let me = null;
  let meCircle = null;

  function pin(lat, lon, mine, title) {
    const marker = L.circleMarker([lat, lon], {
      radius: mine ? 9 : 7,
      color: "#111",
      weight: 2,
      fillColor: mine ? "#ffbf47" : "#0a4f8a",
      fillOpacity: 0.9,
    });
    const label = document.createElement("span");
    label.textContent = title; // text, never HTML: notes and labels are user data
    marker.bindTooltip(label);
    return marker.addTo(pins);
  }

  // ---------- a repeat walk: the earlier walk's observations, each judged again ----------
  const VERDICTS = ["fixed", "still_a_problem", "worse"];

  async function earlierObservations() {
    if (!config.earlierUrl) return [];
    const key = "earlier-" + config.walkId;
    try {
      const response = await fetch(config.earlierUrl, { credentials: "same-origin" });
      if (response.ok) {
        const list = await response.json();
        await Outbox.setMeta(key, list); // kept for the walk's offline stretches
        return list;
      }
    } catch (err) {
      /* offline: the copy from the last visit */
    }
    return (await Outbox.getMeta(key)) || [];
  }

  async function saveCheck(observation, verdict) {
    const uuid = crypto.randomUUID();
    await Outbox.save({
      client_uuid: uuid,
      walk_id: config.walkId,
      kind: "check",
      observation_id: observation.id,
      label: observation.category_label,
      url: config.checkUrl.replace(/\/0\/checks$/, "/" + observation.id + "/checks"),
      payload: { client_uuid: uuid, verdict, checked_at: new Date().toISOString() },
      photos: [],
      state: "waiting",
      created_at: new Date().toISOString(),
    });
    el("sync-status").textContent = msg.saved;
    await drawEarlier();
    flush();
    requestSync();
  }

  async function drawEarlier() {
    const list = el("earlier-observations");
    if (!list) return;
    const observations = await earlierObservations();
    earlierPins.clearLayers();
    const mine = new Map();
    for (const record of await myRecords()) {
      if (record.kind === "check") mine.set(record.observation_id, record.payload.verdict);
    }
    list.replaceChildren();
    for (const o of observations) {
      const verdict = mine.get(o.id) || o.my_verdict;
      const item = document.createElement("li");
      item.className = "card";
      item.id = "earlier-" + o.id;
      const title = document.createElement("h3");
      title.className = "card__title";
      title.textContent = o.category_label;
      const meta = document.createElement("p");
      meta.className = "card__meta";
      meta.textContent = o.status_label + (verdict ? " · " + msg.yourVerdict.replace("{verdict}", msg[verdict]) : "");
      item.append(title, meta);
      if (o.note) {
        const note = document.createElement("p");
        note.textContent = o.note; // text, never HTML
        item.append(note);
      }
      const buttons = document.createElement("div");
      buttons.className = "segmented";
      buttons.setAttribute("role", "group");
      buttons.setAttribute("aria-label", o.category_label);
      for (const choice of VERDICTS) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = msg[choice];
        button.setAttribute("aria-pressed", String(verdict === choice));
        button.addEventListener("click", () => saveCheck(o, choice));
        buttons.append(button);
      }
      item.append(buttons);
      list.append(item);
      const marker = L.circleMarker([o.lat, o.lon], {
        radius: 8, color: "#111", weight: 2, dashArray: "3 3",
        fillColor: verdict === "fixed" ? "#15803d" : "#767676", fillOpacity: 0.8,
      }).addTo(earlierPins);
      const label = document.createElement("span");
      label.textContent = o.category_label;
      marker.bindTooltip(label);
      marker.on("click", () => item.scrollIntoView({ behavior: "smooth", block: "center" }));
    }
  }

  const earlierPins = L.layerGroup().addTo(map);

  async function drawPins() {
    pins.clearLayers();
    let server = [];
    try {
      const response = await fetch(config.observationsUrl, { credentials: "same-origin" });
      if (response.ok) server = await response.json();
    } catch (err) {
      /* offline: the phone's own records are drawn below */
    }
    const known = new Set(server.map((o) => o.client_uuid));
    for (const o of server) pin(o.lat, o.lon, o.mine, (config.labels[o.category] || o.category));
    for (const record of await myRecords()) {
      if (record.kind === "check") continue;
      if (!known.has(record.client_uuid)) {
        pin(record.payload.lat, record.payload.lon, true, config.labels[record.payload.category]);
      }
    }
  }

  // ---------- position: the phone's fixes, offered to the form while it is open ----------
  const position = createPosition(map, msg, el("position-text"));
  let lastFix = null;

  function onFix(fix) {
    const c = fix.coords;
    lastFix = c;
    if (me === null) {
      me = L.circleMarker([c.latitude, c.longitude], { radius: 6, color: "#fff", weight: 3, fillColor: "#0a4f8a", fillOpacity: 1 }).addTo(map);
      meCircle = L.circle([c.latitude, c.longitude], { radius: c.accuracy, color: "#0a4f8a", weight: 1, fillOpacity: 0.1 }).addTo(map);
      map.setView([c.latitude, c.longitude], 17);
    } else {
      me.setLatLng([c.latitude, c.longitude]);
      meCircle.setLatLng([c.latitude, c.longitude]).setRadius(c.accuracy);
    }
    position.offerFix(c);
  }

  if ("geolocation" in navigator) {
    navigator.geolocation.watchPosition(onFix, () => position.noFix(), {
      enableHighAccuracy: true, maximumAge: 10000, timeout: 30000,
    });
  } else {
    position.noFix();
  }

  el("use-map-centre").addEventListener("click", () => {
    const c = map.getCenter();
    position.set(c.lat, c.lng, null, "map");
  });

  // ---------- the form ----------
  let announced = null; // the last saved observation, announced once more when it is sent

  const capture = setupCapture({
    config,
    Outbox,
    map,
    position,
    lastFix: () => lastFix,
    onSaved: async (uuid) => {
      announced = uuid;
      el("capture-status").textContent = msg.savedWaiting;
      el("sync-status").textContent = msg.saved;
      await render();
      requestSync();
      flush();
    },
  });
  const openForm = capture.open;

  // ---------- my observations ----------
  async function myRecords() {
    return (await Outbox.all()).filter((r) => r.walk_id === config.walkId);
  }

  async function render() {
    const records = await myRecords();
    const list = el("my-observations");
    list.replaceChildren();
    el("no-observations").hidden = records.length > 0;
    for (const record of records.slice().reverse()) {
      const item = document.createElement("li");
      item.className = "card card--" + record.state;
      item.dataset.uuid = record.client_uuid;
      const title = document.createElement("h3");
      title.className = "card__title";
      title.textContent = record.kind === "check"
        ? msg.checkOf.replace("{category}", record.label)
        : config.labels[record.payload.category] || record.payload.category;
      const meta = document.createElement("p");
      meta.className = "card__meta";
      const at = new Date(record.payload.recorded_at || record.payload.checked_at);
      const when = msg.clock.replace("{h}", String(at.getHours()).padStart(2, "0")).replace("{m}", String(at.getMinutes()).padStart(2, "0"));
      meta.textContent = when + " · " + (record.kind === "check" ? msg[record.payload.verdict] + " · " : "") +
        msg[record.state] + (record.photos.length ? " · 📷 " + record.photos.length : "");
      item.append(title, meta);
      if (record.payload.note) {
        const note = document.createElement("p");
        note.textContent = record.payload.note;
        item.append(note);
      }
      if (record.state === "waiting" && !record.server_id && record.kind !== "check") {
        // Not on the server yet: it can still be corrected in place.
        const edit = document.createElement("button");
        edit.type = "button";
        edit.className = "button";
        edit.textContent = msg.edit;
        edit.addEventListener("click", () => openForm(record));
        item.append(edit);
      }
      if (record.state === "rejected") {
        const reason = document.createElement("p");
        reason.className = "field-error";
        reason.textContent = record.error;
        const edit = document.createElement("button");
        edit.type = "button";
        edit.className = "button";
        edit.textContent = msg.edit;
        edit.addEventListener("click", () => openForm(record));
        const retry = document.createElement("button");
        retry.type = "button";
        retry.className = "button";
        retry.textContent = msg.retry;
        retry.addEventListener("click", async () => {
          record.state = "waiting";
          await Outbox.save(record);
          flush();
        });
        item.append(reason);
        if (record.kind !== "check") item.append(edit);
        item.append(retry);
      }
      list.append(item);
    }
    const last = announced && records.find((r) => r.client_uuid === announced);
    if (last && last.state !== "waiting") {
      el("capture-status").textContent = last.state === "sent" ? msg.sentOne : msg.rejected;
      announced = null;
    }
    const waiting = records.filter((r) => r.state === "waiting").length;
    el("waiting-count").textContent = waiting;
    el("send-now").hidden = waiting === 0;
    return waiting;
  }

  // ---------- sending: on load, online, back to the tab, a backoff timer, Background Sync, the button ----------
  let backoff = 5000;
  let timer = null;

  // redraw: the pins again once all is sent (not when the page has just drawn them, nothing sent).
  async function flush(redraw = true) {
    el("sync-status").textContent = msg.sending;
    let waiting;
    try {
      waiting = await Outbox.flush();
    } catch (err) {
      waiting = -1;
    }
    waiting = await render();
    clearTimeout(timer);
    if (waiting > 0) {
      el("sync-status").textContent = navigator.onLine ? msg.someWaiting.replace("{n}", waiting) : msg.offline;
      timer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, 5 * 60 * 1000);
    } else {
      backoff = 5000;
      el("sync-status").textContent = msg.allSent;
      if (redraw) drawPins();
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

  el("send-now").addEventListener("click", () => {
    backoff = 5000;
    flush();
  });
  window.addEventListener("online", () => {
    backoff = 5000;
    flush();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    // The first visit loads before the worker controls the page: the worker keeps this page
    // for offline reloads, in its cache (named from the build, so only it knows the name).
    navigator.serviceWorker.ready
      .then((registration) => registration.active.postMessage({ type: "keep", url: location.pathname }))
      .catch(() => {});
  }
  render().then((waiting) => {
    drawPins();
    drawEarlier();
    flush(waiting > 0);
  });
}

main();
