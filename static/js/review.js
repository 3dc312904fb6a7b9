/* The review map (config: walkapp/review/maps.py), run right after the map's element: it works
   out the start view and asks for its data, then loads Leaflet while the server counts. Each view
   asks once for the observations counted in grid cells (queries.map_cells): bubbles zoom in when
   clicked, lone observations open a popup and can be selected, the heat map uses the same cells. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("review-config").textContent);
  const container = document.getElementById(config.mapName);
  if (!container) return;
  const statusLine = document.getElementById("review-map-status");
  const failed = () => { statusLine.textContent = config.text.failed; };
  let [map, observations] = [null, null]; // the map and its layer of bubbles and markers
  const heatGroup = { layer: null, heat: null, data: { weights: [], max: 1 } };
  const markers = new Map(); // observation id -> marker, for the observations drawn one by one
  const icons = new Map();
  const selection = new Set();
  let [form, elsewhere, createButton] = [null, null, null]; // the list's, once it has been read
  let drawn = null; // {zoom, box: [west, south, east, north]} of the data on the map
  let asked = null; // the same of the request under way
  let request = null; // its AbortController
  let sequence = 0; // only the answer to the latest request is drawn
  let moveTimer = null;
  let popupSequence = 0; // only the latest popup asked for opens
  let shownText = ""; // "N observations on the map", said again after a popup has loaded

  // Web Mercator at zoom 0 (the world is 256 px wide), as Leaflet projects.
  function project([lat, lon]) {
    const sin = Math.sin((clamp(lat, -85.0511287798, 85.0511287798) * Math.PI) / 180);
    return [(256 * (lon + 180)) / 360, 128 - (256 * Math.log((1 + sin) / (1 - sin))) / (4 * Math.PI)];
  }

  function unproject([x, y]) {
    const lat = ((2 * Math.atan(Math.exp(Math.PI * (1 - y / 128))) - Math.PI / 2) * 180) / Math.PI;
    return [lat, (x * 360) / 256 - 180];
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  // The view in the address, or Leaflet's fitBounds of every filtered observation (24 px around
  // them, no deeper than 17), or the municipality; with the box to ask for: half a view around it.
  function startView() {
    const [width, height] = [container.clientWidth, container.clientHeight];
    const match = /^#map=(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
    let [center, zoom] = [config.center, config.zoom];
    const [lat, lon] = match ? [Number(match[2]), Number(match[3])] : [NaN, NaN];
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      // An old or edited link: kept on the map and within its zoom range.
      center = [clamp(lat, -85, 85), clamp(lon, -180, 180)];
      zoom = clamp(Number(match[1]), 0, config.tiles.maxZoom);
    } else if (config.bounds) {
      const [sw, ne] = config.bounds.map(project);
      const scale = Math.min((width - 48) / (ne[0] - sw[0]), (height - 48) / (sw[1] - ne[1]));
      const fits = Math.floor(Math.round(Math.log2(scale) * 100) / 100);
      zoom = Number.isNaN(fits) ? zoom : clamp(fits, 0, 17);
      center = unproject([(sw[0] + ne[0]) / 2, (sw[1] + ne[1]) / 2]);
    }
    const [x, y] = project(center);
    const [dx, dy] = [width / 2 ** zoom, height / 2 ** zoom];
    const [north, west] = unproject([x - dx, y - dy]);
    const [south, east] = unproject([x + dx, y + dy]);
    return { center, zoom, box: [west, south, east, north] };
  }

  // One request per view; a newer view aborts the one under way, and a late answer is dropped.
  function ask(zoom, box) {
    const limits = [[-180, 179.9999], [-90, 89.9999], [-179.9999, 180], [-89.9999, 90]];
    const clamped = box.map((n, i) => clamp(n, ...limits[i]));
    const bbox = clamped.map((n) => n.toFixed(5)).join(",");
    const url = config.dataUrl + (config.dataUrl.includes("?") ? "&" : "?") +
      "bbox=" + bbox + "&zoom=" + Math.round(zoom);
    if (request) request.abort();
    const controller = new AbortController();
    const mine = ++sequence;
    request = controller;
    asked = { zoom, box: clamped };
    statusLine.textContent = config.text.loading;
    return getJson(url, controller.signal)
      .then((data) => {
        if (mine !== sequence) return null;
        request = null;
        [drawn, asked] = [asked, null];
        return data;
      })
      .catch((error) => {
        if (mine === sequence && error.name !== "AbortError") {
          request = asked = null;
          failed();
        }
        return null;
      });
  }

  function covers(part, zoom, view) {
    return part !== null && part.zoom === zoom && part.box[0] <= view.getWest() &&
      part.box[1] <= view.getSouth() && part.box[2] >= view.getEast() && part.box[3] >= view.getNorth();
  }

  function load() {
    const zoom = map.getZoom();
    const view = map.getBounds();
    if (covers(drawn, zoom, view) || covers(asked, zoom, view)) return;
    const box = view.pad(0.5); // a margin, so small pans need no new request
    ask(zoom, [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()])
      .then((data) => data && render(data));
  }

  // Before Leaflet: the start view's data is on its way while Leaflet loads (preloaded by the page).
  const start = startView();
  const firstAnswer = ask(start.zoom, start.box);
  document.head.append(el("script", { src: config.leafletUrl, onload: buildMap, onerror: failed }));
  const listRead = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });

  function buildMap() {
    map = L.map(container, { maxZoom: config.tiles.maxZoom });
    map.setView(start.center, start.zoom, { animate: false });
    observations = L.layerGroup().addTo(map);
    // The heat map is off until chosen in the layer control: its script is fetched then.
    heatGroup.layer = L.layerGroup().on("add", loadHeat);
    const { url: tileUrl, ...tileOptions } = config.tiles;
    const street = L.tileLayer(tileUrl, tileOptions).addTo(map);
    const names = config.layerNames;
    L.control.layers(
      { [names.street]: street },
      { [names.observations]: observations, [names.heat]: heatGroup.layer },
      { collapsed: false }
    ).addTo(map);
    rememberView();
    map.on("moveend", () => {
      rememberView();
      // A drag or a wheel fires several moveends: ask once the map has come to rest.
      clearTimeout(moveTimer);
      moveTimer = setTimeout(load, 150);
    });
    firstAnswer.then((data) => data && render(data));
    listRead.then(wireList);
  }

  function rememberView() {
    const centre = map.getCenter();
    const hash = `#map=${map.getZoom()}/${centre.lat.toFixed(5)}/${centre.lng.toFixed(5)}`;
    history.replaceState(null, "", location.pathname + location.search + hash);
  }

  // Only known codes reach the icon's HTML, so nothing from the data is ever markup.
  function iconFor(props, isSelected) {
    const status = props.s in config.statusLabels ? props.s : Object.keys(config.statusLabels)[0];
    const group = props.g in config.groupLabels ? props.g : "-";
    const kind = config.polarities.includes(props.p) ? props.p : config.polarities[0];
    const key = [status, group, kind, isSelected].join("|");
    if (!icons.has(key)) {
      const letter = group === "-" ? "•" : group;
      icons.set(key, L.divIcon({
        className: "pin-icon",
        html: `<span class="pin pin--${status} pin--${kind}${isSelected ? " pin--selected" : ""}"><span>${letter}</span></span>`,
        iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -14],
      }));
    }
    return icons.get(key);
  }

  // A bubble sized by the count's digits; the count is a number, so it is never markup either.
  function clusterIcon(count) {
    const digits = String(Number(count)).length;
    const size = digits < 2 ? 34 : digits < 3 ? 38 : digits < 4 ? 44 : 50;
    return L.divIcon({
      className: "map-cluster-icon",
      html: `<span class="map-cluster map-cluster--${Math.min(digits, 5)}">${Number(count)}</span>`,
      iconSize: [size, size], iconAnchor: [size / 2, size / 2],
    });
  }

  function plural(forms, count) {
    return (count === 1 ? forms.one : forms.other).replace("{n}", String(count));
  }

  function refreshSelection() {
    for (const [id, marker] of markers) {
      const isSelected = selection.has(id);
      if (marker.isSelected !== isSelected) {
        marker.isSelected = isSelected;
        marker.setIcon(iconFor(marker.props, isSelected));
      }
    }
    if (createButton) {
      createButton.disabled = selection.size === 0;
      createButton.dataset.count = String(selection.size);
      const label = createButton.textContent.replace(/\s*\(\d+\)$/, "");
      createButton.textContent = selection.size ? `${label} (${selection.size})` : label;
    }
  }

  function toggleSelected(id, isSelected) {
    if (isSelected) selection.add(id); else selection.delete(id);
    const box = document.getElementById("select-" + id);
    const chip = document.getElementById("chip-" + id);
    if (box) {
      box.checked = isSelected;
    } else if (elsewhere && isSelected && !chip) {
      // Chosen on the map but not on this page of the list: a hidden field carries it.
      const item = el("li", { id: "chip-" + id });
      const input = el("input", { type: "hidden", name: "observation_ids", value: String(id) });
      const remove = el("button", { type: "button", className: "chip", textContent: `#${id} ✕` });
      remove.setAttribute("aria-label", config.text.remove + " #" + id);
      remove.addEventListener("click", () => toggleSelected(id, false));
      item.append(input, remove);
      elsewhere.append(item);
    } else if (!isSelected && chip) {
      chip.remove();
    }
    refreshSelection();
  }

  function highlightRow(id, scroll) {
    document.querySelectorAll(".review-table tr.is-active").forEach((tr) => tr.classList.remove("is-active"));
    const tr = document.getElementById("obs-" + id);
    if (tr) {
      tr.classList.add("is-active");
      if (scroll) tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function getJson(url, signal) {
    return fetch(url, { credentials: "same-origin", signal }).then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function fetchSummary(id) {
    return getJson(config.popupUrl.replace(/0\.json$/, id + ".json"));
  }

  function el(tag, properties) {
    return Object.assign(document.createElement(tag), properties);
  }

  // Built from text nodes only: a note is shown as the participant typed it, never as HTML.
  function popupContent(id, data) {
    const box = el("div", { className: "review-popup" });
    box.append(
      el("strong", { textContent: `${data.category} #${data.id}` }),
      el("p", { textContent: `${data.status} · ${data.polarity} · ${data.recorded_at}` }),
      el("p", { className: "review-popup__note", textContent: data.note }),
      el("a", { href: data.url, textContent: config.text.open })
    );
    if (form && createButton) {
      const choose = el("button", { type: "button", className: "button" });
      const update = () => {
        choose.textContent = selection.has(id) ? config.text.selected + " ✓" : config.text.select;
        choose.setAttribute("aria-pressed", String(selection.has(id)));
      };
      choose.addEventListener("click", () => {
        toggleSelected(id, !selection.has(id));
        update();
      });
      update();
      box.append(document.createElement("br"), choose);
    }
    return box;
  }

  // The popup belongs to the map, not to the marker: a redraw of the markers leaves it open.
  // `move` first brings the observation into a view where it is drawn on its own.
  function openPopup(id, fromMap, move) {
    highlightRow(id, fromMap);
    const sequenceNumber = ++popupSequence;
    statusLine.textContent = config.text.loading;
    fetchSummary(id) // one read per popup, one audit entry
      .then((data) => {
        if (sequenceNumber !== popupSequence) return;
        const position = L.latLng(data.lat, data.lon);
        if (move) map.setView(position, Math.max(config.pointsZoom, map.getZoom()));
        statusLine.textContent = shownText;
        L.popup({ maxWidth: 300, minWidth: 200, offset: [0, -14] })
          .setLatLng(position)
          .setContent(popupContent(id, data))
          .openOn(map);
      })
      .catch(failed);
  }

  function addCell([lat, lon, count], size) {
    const title = plural(config.text.cluster, count);
    const bubble = L.marker([lat, lon], { icon: clusterIcon(count), title, riseOnHover: true });
    bubble.on("click", () => zoomInto(cellBounds(lat, lon, size)));
    // Named by its title, not by the bare number it shows; set whenever it is drawn.
    bubble.on("add", () => bubble.getElement().setAttribute("aria-label", title));
    observations.addLayer(bubble);
  }

  // The grid cell a mean position lies in: the answer gives the cells' size in degrees.
  function cellBounds(lat, lon, [width, height]) {
    const west = Math.floor((lon + 180) / width) * width - 180;
    const south = Math.floor((lat + 90) / height) * height - 90;
    return L.latLngBounds([south, west], [south + height, west + width]);
  }

  // At least one zoom deeper, and no deeper than where observations come one by one.
  function zoomInto(bounds) {
    const deeper = map.getZoom() + 1;
    const fits = map.getBoundsZoom(bounds, false, L.point(48, 48));
    map.setView(bounds.getCenter(), clamp(fits, deeper, Math.max(config.pointsZoom, deeper)));
  }

  function addPoint([id, lat, lon, s, p, g]) {
    const props = { s, p, g };
    const isSelected = selection.has(id);
    const marker = L.marker([lat, lon], {
      icon: iconFor(props, isSelected),
      keyboard: false, // the list is the keyboard's way to every observation
      title: `#${id} ${config.statusLabels[s] || ""}`,
    });
    Object.assign(marker, { props, isSelected });
    marker.on("click", () => openPopup(id, true, false));
    markers.set(id, marker);
    observations.addLayer(marker);
  }

  function render(data) {
    observations.clearLayers();
    markers.clear();
    const weights = [];
    let heaviest = 1;
    for (const cell of data.cells) {
      addCell(cell, data.size);
      weights.push([cell[0], cell[1], cell[2]]);
      heaviest = Math.max(heaviest, cell[2]);
    }
    for (const point of data.points) {
      addPoint(point);
      weights.push([point[1], point[2], 1]);
    }
    // leaflet.heat fades weights by 2^(zoom - maxZoom): the heaviest cell is full strength.
    const fade = 1 / Math.pow(2, Math.max(0, Math.min(map.getMaxZoom() - data.zoom, 12)));
    heatGroup.data = { weights, max: heaviest * fade };
    drawHeat();
    shownText = plural(config.text.shown, data.total);
    statusLine.textContent = shownText;
  }

  function loadHeat() {
    if (heatGroup.heat !== null || document.getElementById("heat-script")) return;
    const onload = () => {
      heatGroup.heat = L.heatLayer([], config.heat).on("add", drawHeat);
      heatGroup.layer.addLayer(heatGroup.heat);
    };
    document.head.append(el("script", { id: "heat-script", src: config.heatScript, onload }));
  }

  // leaflet.heat can only redraw while it is on the map; it takes the latest cells when added.
  function drawHeat() {
    const { heat, data } = heatGroup;
    if (heat === null || !map.hasLayer(heat)) return;
    heat.setOptions({ max: data.max });
    heat.setLatLngs(data.weights);
  }

  // Once both the map and the list below it exist.
  function wireList() {
    [form, elsewhere, createButton] = ["selection-form", "selection-elsewhere", "create-action"]
      .map((id) => document.getElementById(id));
    if (form) {
      form.querySelectorAll('input[name="observation_ids"][type="checkbox"]').forEach((box) => {
        if (box.checked) selection.add(Number(box.value));
        box.addEventListener("change", () => toggleSelected(Number(box.value), box.checked));
      });
    }
    document.querySelectorAll(".show-on-map").forEach(wireShowOnMap);
    refreshSelection();
  }

  function wireShowOnMap(button) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const id = Number(button.dataset.observationId);
      container.scrollIntoView({ block: "nearest" });
      // Drawn on its own: open it where it is; otherwise go there (whatever has loaded yet).
      openPopup(id, false, !markers.has(id));
    });
  }
})();
