/* The field page: a map of the walk, the new-observation form, and the outbox that never loses. */
(function () {
  "use strict";

  const root = document.querySelector(".field");
  const config = JSON.parse(document.getElementById("field-config").textContent);
  const msg = config.messages;
  const Outbox = window.WalkappOutbox;
  const el = (id) => document.getElementById(id);
  const MAX_PHOTOS = 3;
  const PHOTO_SIZE = 1600;

  Outbox.setMeta("csrf", root.dataset.csrf);

  // ---------- the map ----------
  const map = L.map("map", { zoomControl: true }).setView(config.center, 16);
  L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution }).addTo(map);
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

  // ---------- position: keep the best fix while the form is open ----------
  let best = null; // {lat, lon, accuracy, source}
  let watchId = null;
  let draggable = null;

  function showPosition() {
    if (!best) return;
    const text = msg.position
      .replace("{m}", best.accuracy == null ? "?" : Math.round(best.accuracy))
      .replace("{source}", { gps: msg.sourceGps, map: msg.sourceMap, photo_exif: msg.sourcePhoto }[best.source]);
    el("position-text").textContent = text;
    if (!draggable) {
      draggable = L.marker([best.lat, best.lon], { draggable: true, keyboard: true }).addTo(map);
      draggable.on("dragend", () => {
        const p = draggable.getLatLng();
        best = { lat: p.lat, lon: p.lng, accuracy: null, source: "map" };
        showPosition();
      });
    } else {
      draggable.setLatLng([best.lat, best.lon]);
    }
  }

  function onFix(position) {
    const c = position.coords;
    if (me === null) {
      me = L.circleMarker([c.latitude, c.longitude], { radius: 6, color: "#fff", weight: 3, fillColor: "#0a4f8a", fillOpacity: 1 }).addTo(map);
      meCircle = L.circle([c.latitude, c.longitude], { radius: c.accuracy, color: "#0a4f8a", weight: 1, fillOpacity: 0.1 }).addTo(map);
      map.setView([c.latitude, c.longitude], 17);
    } else {
      me.setLatLng([c.latitude, c.longitude]);
      meCircle.setLatLng([c.latitude, c.longitude]).setRadius(c.accuracy);
    }
    const formOpen = !el("observation-form").hidden;
    if (formOpen && (!best || (best.source === "gps" && c.accuracy < best.accuracy))) {
      best = { lat: c.latitude, lon: c.longitude, accuracy: c.accuracy, source: "gps" };
      showPosition();
    }
  }

  function startWatching() {
    if (!("geolocation" in navigator)) {
      el("position-text").textContent = msg.noGps;
      return;
    }
    watchId = navigator.geolocation.watchPosition(onFix, () => {
      if (!best) el("position-text").textContent = msg.noGps;
    }, { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
  }
  startWatching();

  map.on("click", (event) => {
    if (el("observation-form").hidden) return;
    best = { lat: event.latlng.lat, lon: event.latlng.lng, accuracy: null, source: "map" };
    showPosition();
  });
  el("use-map-centre") && el("use-map-centre").addEventListener("click", () => {
    const c = map.getCenter();
    best = { lat: c.lat, lon: c.lng, accuracy: null, source: "map" };
    showPosition();
  });

  // ---------- photos: downscaled on the phone, hashed for their idempotent URL ----------
  async function shrink(file) {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
      const scale = Math.min(1, PHOTO_SIZE / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
    } catch (err) {
      return file; // a format the phone cannot decode (HEIC in Chromium): the server can
    }
  }

  async function sha256(blob) {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The GPS position in a JPEG's EXIF, or null. Only offered as a suggestion, never applied.
  async function exifPosition(file) {
    try {
      const view = new DataView(await file.slice(0, 256 * 1024).arrayBuffer());
      if (view.getUint16(0) !== 0xffd8) return null;
      let offset = 2;
      while (offset + 4 < view.byteLength) {
        const marker = view.getUint16(offset);
        const length = view.getUint16(offset + 2);
        if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
          return readGps(view, offset + 10);
        }
        offset += 2 + length;
      }
    } catch (err) {
      /* not a JPEG we can read: no suggestion */
    }
    return null;
  }

  function readGps(view, tiff) {
    const little = view.getUint16(tiff) === 0x4949;
    const u16 = (at) => view.getUint16(at, little);
    const u32 = (at) => view.getUint32(at, little);
    const tags = (ifd) => {
      const found = {};
      for (let i = 0; i < u16(ifd); i++) {
        const entry = ifd + 2 + i * 12;
        found[u16(entry)] = entry;
      }
      return found;
    };
    const ifd0 = tags(tiff + u32(tiff + 4));
    if (!ifd0[0x8825]) return null;
    const gps = tags(tiff + u32(ifd0[0x8825] + 8));
    if (!gps[2] || !gps[4]) return null;
    const degrees = (entry) => {
      const at = tiff + u32(entry + 8);
      const part = (i) => u32(at + i * 8) / u32(at + i * 8 + 4);
      return part(0) + part(1) / 60 + part(2) / 3600;
    };
    const ref = (entry) => (entry ? String.fromCharCode(view.getUint8(entry + 8)) : "");
    const lat = degrees(gps[2]) * (ref(gps[1]) === "S" ? -1 : 1);
    const lon = degrees(gps[4]) * (ref(gps[3]) === "W" ? -1 : 1);
    return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
  }

  let photoPosition = null;
  el("photos") && el("photos").addEventListener("change", async () => {
    const files = Array.from(el("photos").files);
    el("photo-text").textContent = files.length > MAX_PHOTOS ? msg.tooManyPhotos : msg.photosChosen.replace("{n}", files.length);
    photoPosition = null;
    for (const file of files.slice(0, MAX_PHOTOS)) {
      photoPosition = photoPosition || (await exifPosition(file));
    }
    el("use-photo-position").hidden = photoPosition === null;
  });
  el("use-photo-position") && el("use-photo-position").addEventListener("click", () => {
    best = { lat: photoPosition.lat, lon: photoPosition.lon, accuracy: null, source: "photo_exif" };
    showPosition();
    map.panTo([best.lat, best.lon]);
  });

  // ---------- the form ----------
  const form = el("observation");
  let editing = null; // the record being corrected after the server refused it

  function openForm(record) {
    editing = record || null;
    form.reset();
    el("form-error").hidden = true;
    el("photo-text").textContent = "";
    el("use-photo-position").hidden = true;
    best = null;
    if (record) {
      const p = record.payload;
      form.querySelector(`input[name=category][value="${CSS.escape(p.category)}"]`).checked = true;
      form.querySelector(`input[name=polarity][value="${p.polarity}"]`).checked = true;
      form.querySelector(`input[name=severity][value="${p.severity}"]`).checked = true;
      if (p.feeling != null) form.querySelector(`input[name=feeling][value="${p.feeling}"]`).checked = true;
      form.note.value = p.note;
      best = { lat: p.lat, lon: p.lon, accuracy: p.accuracy_m, source: p.location_source };
    }
    el("observation-form").hidden = false;
    if (el("new-observation")) el("new-observation").hidden = true;
    if (best) showPosition();
    else if (me) onFix({ coords: { latitude: me.getLatLng().lat, longitude: me.getLatLng().lng, accuracy: meCircle.getRadius() } });
    el("form-heading").focus();
  }

  function closeForm() {
    el("observation-form").hidden = true;
    if (el("new-observation")) el("new-observation").hidden = false;
    if (draggable) {
      map.removeLayer(draggable);
      draggable = null;
    }
    editing = null;
  }

  function formError(text) {
    el("form-error").textContent = text;
    el("form-error").hidden = false;
    el("form-error").focus();
  }

  form.querySelectorAll("input[name=category]").forEach((input) => {
    input.addEventListener("change", () => {
      const polarity = form.querySelector(`input[name=polarity][value="${input.dataset.polarity}"]`);
      if (polarity) polarity.checked = true;
    });
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const category = form.querySelector("input[name=category]:checked");
    if (!category) return formError(msg.chooseCategory);
    if (!best) return formError(msg.needPosition);
    const feeling = form.querySelector("input[name=feeling]:checked");
    const payload = {
      client_uuid: editing ? editing.client_uuid : crypto.randomUUID(),
      lat: best.lat,
      lon: best.lon,
      accuracy_m: best.accuracy,
      location_source: best.source,
      category: category.value,
      polarity: form.querySelector("input[name=polarity]:checked").value,
      severity: Number(form.querySelector("input[name=severity]:checked").value),
      feeling: feeling ? Number(feeling.value) : null,
      note: form.note.value.trim(),
      recorded_at: editing ? editing.payload.recorded_at : new Date().toISOString(),
    };
    let photos = editing ? editing.photos.map((p) => Object.assign({}, p, { sent: false })) : [];
    const files = Array.from(el("photos").files).slice(0, MAX_PHOTOS);
    if (files.length) {
      photos = [];
      for (const file of files) {
        const blob = await shrink(file);
        photos.push({ blob, sha256: await sha256(blob), sent: false });
      }
    }
    await Outbox.save({
      client_uuid: payload.client_uuid,
      walk_id: config.walkId,
      url: config.observationsUrl,
      payload,
      photos,
      state: "waiting",
      error: null,
      server_id: null,
      created_at: editing ? editing.created_at : new Date().toISOString(),
    });
    closeForm();
    el("sync-status").textContent = msg.saved;
    await render();
    requestSync();
    flush();
  });

  el("new-observation") && el("new-observation").addEventListener("click", () => openForm(null));
  el("cancel-observation").addEventListener("click", closeForm);

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
      const when = new Date(record.payload.recorded_at || record.payload.checked_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
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
    const waiting = records.filter((r) => r.state === "waiting").length;
    el("waiting-count").textContent = waiting;
    el("send-now").hidden = waiting === 0;
    return waiting;
  }

  // ---------- sending: on load, online, back to the tab, a backoff timer, Background Sync, the button ----------
  let backoff = 5000;
  let timer = null;

  async function flush() {
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
      drawPins();
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
    // The first visit loads before the worker controls the page: keep this page for offline
    // reloads ourselves (the cache name is sw.js's CACHE).
    navigator.serviceWorker.ready
      .then(() => caches.open("walkapp-shell-v1"))
      .then((cache) => cache.add(location.pathname))
      .catch(() => {});
  }
  render().then(() => {
    drawPins();
    drawEarlier();
    flush();
  });
})();
