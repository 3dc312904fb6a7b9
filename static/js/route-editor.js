/* The walk page's route editor: route points and named stops, on a map and in two lists. */

const dataElement = document.getElementById("route-editor-data");
if (dataElement) init(JSON.parse(dataElement.textContent));

function init(data) {
  const msg = data.messages;
  const el = (id) => document.getElementById(id);
  const input = el("route");
  const form = el("route-form");
  const comma = (document.documentElement.lang || "sv").startsWith("sv");
  const fmt = (number) => (comma ? number.toFixed(6).replace(".", ",") : number.toFixed(6));
  const text = (template, values) =>
    Object.entries(values).reduce((out, [key, value]) => out.replace("{" + key + "}", value), template);

  // ---------- the state: what is saved ----------
  const stops = [];
  const points = [];
  const stored = input.value ? JSON.parse(input.value) : { features: [] };
  for (const feature of stored.features || []) {
    const [lon, lat] = feature.geometry.type === "Point" ? feature.geometry.coordinates : [0, 0];
    if (feature.geometry.type === "Point") stops.push({ name: feature.properties.name, lat, lon });
    if (feature.geometry.type === "LineString") {
      for (const [plon, plat] of feature.geometry.coordinates) points.push({ lat: plat, lon: plon });
    }
  }

  // ---------- the map ----------
  const map = L.map("route-map", { scrollWheelZoom: false });
  L.tileLayer(data.tileUrl, {
    minZoom: data.tileMinZoom || 0, maxZoom: 19, maxNativeZoom: data.tileMaxZoom || 19,
    attribution: data.tileAttribution,
  }).addTo(map);
  const layer = L.layerGroup().addTo(map);
  const everything = [...stops, ...points].map((p) => [p.lat, p.lon]);
  if (everything.length > 1) map.fitBounds(everything, { padding: [24, 24], maxZoom: 17 });
  else map.setView(everything[0] || data.center, 16);

  function changed() {
    el("route-status").textContent = msg.unsaved;
    el("route-error").hidden = true;
  }

  function drawMap() {
    layer.clearLayers();
    if (points.length > 1) {
      L.polyline(points.map((p) => [p.lat, p.lon]), { className: "map-route", weight: 4 }).addTo(layer);
    }
    const place = (list, item, marker, name) => {
      const label = document.createElement("span");
      label.textContent = name; // text, never HTML
      marker.bindTooltip(label);
      marker.on("dragend", () => {
        const at = marker.getLatLng();
        item.lat = at.lat;
        item.lon = at.lng;
        changed();
        drawAll();
      });
      // A right click (or long press) removes, like the list's Remove button.
      marker.on("contextmenu", () => {
        list.splice(list.indexOf(item), 1);
        changed();
        drawAll();
      });
      marker.addTo(layer);
    };
    points.forEach((p, i) => {
      const icon = L.divIcon({ className: "leaflet-div-icon route-vertex", iconSize: [12, 12] });
      place(points, p, L.marker([p.lat, p.lon], { draggable: true, icon, keyboard: false }),
        text(msg.point, { n: i + 1 }));
    });
    stops.forEach((s, i) => {
      place(stops, s, L.marker([s.lat, s.lon], { draggable: true, keyboard: false }),
        s.name || text(msg.stop, { n: i + 1 }));
    });
  }

  map.on("click", (event) => {
    const mode = document.querySelector("input[name=route-mode]:checked").value;
    add(mode === "stop" ? stops : points, event.latlng.lat, event.latlng.lng, false);
  });

  // ---------- the lists: the same points, usable with the keyboard ----------
  function field(labelText, value, onInput, attrs = {}) {
    const label = document.createElement("label");
    label.append(labelText + " ");
    const box = document.createElement("input");
    box.type = "text";
    box.value = value;
    Object.assign(box, attrs);
    box.addEventListener("input", () => onInput(box));
    label.append(box);
    return label;
  }

  function coordinate(item, key, low, high, fieldName, itemName) {
    return field(fieldName, fmt(item[key]), (box) => {
      const number = Number(box.value.trim().replace(",", "."));
      const ok = box.value.trim() !== "" && Number.isFinite(number) && number >= low && number <= high;
      box.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) return;
      item[key] = number;
      changed();
      drawMap();
    }, { inputMode: "decimal", autocomplete: "off", title: itemName });
  }

  function button(textContent, onClick, disabled) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.textContent = textContent;
    b.disabled = disabled;
    b.addEventListener("click", onClick);
    return b;
  }

  function drawList(list, container, isStop) {
    container.replaceChildren();
    if (!list.length) {
      const empty = document.createElement("li");
      empty.className = "hint";
      empty.textContent = isStop ? msg.noStops : msg.noPoints;
      container.append(empty);
      return;
    }
    list.forEach((item, i) => {
      const name = text(isStop ? msg.stop : msg.point, { n: i + 1 });
      const li = document.createElement("li");
      const group = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = name;
      group.append(legend);
      if (isStop) {
        group.append(field(msg.name, item.name, (box) => {
          item.name = box.value;
          changed();
          drawMap();
        }, { maxLength: data.limits.name, required: true }));
      }
      group.append(coordinate(item, "lat", -90, 90, msg.lat, name));
      group.append(coordinate(item, "lon", -180, 180, msg.lon, name));
      const move = (to, which) => () => {
        list.splice(to, 0, list.splice(i, 1)[0]);
        changed();
        drawAll();
        // Keep the keyboard where it was: on the same button of the moved item.
        const target = container.children[to].querySelector("[data-action=" + which + "]");
        (target && !target.disabled ? target : container.children[to].querySelector("input")).focus();
      };
      const up = button(msg.moveUp, move(i - 1, "up"), i === 0);
      up.dataset.action = "up";
      const down = button(msg.moveDown, move(i + 1, "down"), i === list.length - 1);
      down.dataset.action = "down";
      const remove = button(msg.remove, () => {
        list.splice(i, 1);
        changed();
        drawAll();
        const next = container.querySelector("li:nth-child(" + Math.min(i + 1, list.length) + ") input");
        (next || el(isStop ? "add-stop" : "add-point")).focus();
      }, false);
      for (const b of [up, down, remove]) b.setAttribute("aria-label", b.textContent + ": " + name);
      group.append(up, down, remove);
      li.append(group);
      container.append(li);
    });
  }

  function drawAll() {
    drawList(stops, el("route-stops"), true);
    drawList(points, el("route-points"), false);
    drawMap();
  }

  function add(list, lat, lon, focus) {
    const isStop = list === stops;
    if (list.length >= (isStop ? data.limits.stops : data.limits.points)) {
      showError(msg.tooMany);
      return;
    }
    list.push(isStop ? { name: text(msg.stop, { n: list.length + 1 }), lat, lon } : { lat, lon });
    changed();
    drawAll();
    if (focus) el(isStop ? "route-stops" : "route-points").lastElementChild.querySelector("input").focus();
  }

  el("add-stop").addEventListener("click", () => add(stops, map.getCenter().lat, map.getCenter().lng, true));
  el("add-point").addEventListener("click", () => add(points, map.getCenter().lat, map.getCenter().lng, true));

  // ---------- saving: the same checks as the server, said before sending ----------
  function showError(message) {
    const box = el("route-error");
    box.textContent = message;
    box.hidden = false;
    box.focus();
  }

  function problems() {
    const invalid = document.querySelector(".route-editor input[aria-invalid=true]");
    if (invalid) return text(msg.badNumber, { field: invalid.parentElement.firstChild.textContent.trim(), item: invalid.title });
    const unnamed = stops.findIndex((s) => !s.name.trim());
    if (unnamed >= 0) return text(msg.needName, { item: text(msg.stop, { n: unnamed + 1 }) });
    if (points.length === 1) return msg.onePoint;
    if (points.length > data.limits.points || stops.length > data.limits.stops) return msg.tooMany;
    return null;
  }

  form.addEventListener("submit", (event) => {
    const problem = problems();
    if (problem) {
      event.preventDefault();
      showError(problem);
      return;
    }
    const features = [];
    if (points.length > 1) {
      features.push({
        type: "Feature",
        properties: { kind: "route" },
        geometry: { type: "LineString", coordinates: points.map((p) => [p.lon, p.lat]) },
      });
    }
    for (const s of stops) {
      features.push({
        type: "Feature",
        properties: { kind: "stop", name: s.name.trim() },
        geometry: { type: "Point", coordinates: [s.lon, s.lat] },
      });
    }
    input.value = JSON.stringify({ type: "FeatureCollection", features });
  });

  el("route-error").tabIndex = -1;
  drawAll();
}
