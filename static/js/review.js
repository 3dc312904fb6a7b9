/* The review map: built here with Leaflet, markercluster and leaflet.heat from the page's config
   (walkapp/review/maps.py); loads the filtered observations of the visible area as GeoJSON into
   the cluster and heat layers, and keeps the map, the list and the selection in step. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("review-config").textContent);
  const container = document.getElementById(config.mapName);
  if (!container || !window.L || !L.markerClusterGroup || !L.heatLayer) return;

  const map = L.map(container, { center: config.center, zoom: config.zoom });
  const { url: tileUrl, ...tileOptions } = config.tiles;
  const street = L.tileLayer(tileUrl, tileOptions).addTo(map);
  const cluster = L.markerClusterGroup(config.cluster).addTo(map);
  const heat = L.heatLayer([], config.heat); // off until chosen in the layer control
  const names = config.layerNames;
  L.control.layers(
    { [names.street]: street },
    { [names.observations]: cluster, [names.heat]: heat },
    { collapsed: false }
  ).addTo(map);

  const statusLine = document.getElementById("review-map-status");
  const form = document.getElementById("selection-form");
  const elsewhere = document.getElementById("selection-elsewhere");
  const createButton = document.getElementById("create-action");
  const markers = new Map(); // observation id -> marker
  const icons = new Map();
  const selection = new Set();
  let loadedBox = null; // the area the markers on the map cover
  let loading = null;
  let activeId = null;
  let pendingPopup = null;

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
        iconSize: [28, 28],
        iconAnchor: [14, 14],
        popupAnchor: [0, -14],
      }));
    }
    return icons.get(key);
  }

  function row(id) {
    return document.getElementById("obs-" + id);
  }

  function checkbox(id) {
    return document.getElementById("select-" + id);
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
    const box = checkbox(id);
    if (box) {
      box.checked = isSelected;
    } else if (elsewhere) {
      // Chosen on the map but not on this page of the list: a hidden field carries it.
      const chip = document.getElementById("chip-" + id);
      if (isSelected && !chip) {
        const item = document.createElement("li");
        item.id = "chip-" + id;
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "observation_ids";
        input.value = String(id);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip";
        remove.textContent = "#" + id + " ✕";
        remove.setAttribute("aria-label", config.text.remove + " #" + id);
        remove.addEventListener("click", () => toggleSelected(id, false));
        item.append(input, remove);
        elsewhere.append(item);
      } else if (!isSelected && chip) {
        chip.remove();
      }
    }
    refreshSelection();
  }

  function highlightRow(id, scroll) {
    document.querySelectorAll(".review-table tr.is-active").forEach((tr) => tr.classList.remove("is-active"));
    const tr = row(id);
    if (tr) {
      tr.classList.add("is-active");
      if (scroll) tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function fetchSummary(id) {
    return fetch(config.popupUrl.replace(/0\.json$/, id + ".json"), { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      });
  }

  // Built from text nodes only: a note is shown as the participant typed it, never as HTML.
  function popupContent(id, data) {
    const box = document.createElement("div");
    box.className = "review-popup";
    const title = document.createElement("strong");
    title.textContent = `${data.category} #${data.id}`;
    const meta = document.createElement("p");
    meta.textContent = `${data.status} · ${data.polarity} · ${data.recorded_at}`;
    const note = document.createElement("p");
    note.className = "review-popup__note";
    note.textContent = data.note;
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = config.text.open;
    box.append(title, meta, note, link);
    if (form && createButton) {
      const choose = document.createElement("button");
      choose.type = "button";
      choose.className = "button";
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

  function activate(id, fromMap) {
    activeId = id;
    highlightRow(id, fromMap);
    const marker = markers.get(id);
    if (!marker) return false;
    statusLine.textContent = config.text.loading;
    fetchSummary(id)
      .then((data) => {
        statusLine.textContent = "";
        cluster.zoomToShowLayer(marker, () => {
          marker.bindPopup(popupContent(id, data), { maxWidth: 300, minWidth: 200 }).openPopup();
        });
      })
      .catch(() => {
        statusLine.textContent = config.text.failed;
      });
    return true;
  }

  function render(collection) {
    cluster.clearLayers();
    markers.clear();
    const layers = [];
    const points = [];
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const id = feature.id;
      const isSelected = selection.has(id);
      const marker = L.marker([lat, lon], {
        icon: iconFor(feature.properties, isSelected),
        keyboard: false, // the list is the keyboard's way to every observation
        title: `#${id} ${config.statusLabels[feature.properties.s] || ""}`,
      });
      marker.props = feature.properties;
      marker.isSelected = isSelected;
      marker.on("click", () => activate(id, true));
      markers.set(id, marker);
      layers.push(marker);
      points.push([lat, lon]);
    }
    cluster.addLayers(layers);
    heat.setLatLngs(points);
    const count = collection.features.length;
    const shown = count === 1 ? config.text.shown.one : config.text.shown.other;
    statusLine.textContent = shown.replace("{n}", String(count));
    if (pendingPopup !== null) {
      const id = pendingPopup;
      pendingPopup = null;
      activate(id, false);
    }
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function load() {
    const view = map.getBounds();
    if (loadedBox && loadedBox.contains(view)) return;
    const box = view.pad(0.5); // a margin, so small pans need no new request
    const bbox = [
      clamp(box.getWest(), -180, 179.9999), clamp(box.getSouth(), -90, 89.9999),
      clamp(box.getEast(), -179.9999, 180), clamp(box.getNorth(), -89.9999, 90),
    ].map((n) => n.toFixed(5)).join(",");
    const url = config.dataUrl + (config.dataUrl.includes("?") ? "&" : "?") + "bbox=" + bbox;
    if (loading) loading.abort();
    loading = new AbortController();
    statusLine.textContent = config.text.loading;
    fetch(url, { credentials: "same-origin", signal: loading.signal })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((collection) => {
        loadedBox = box;
        render(collection);
      })
      .catch((error) => {
        if (error.name !== "AbortError") statusLine.textContent = config.text.failed;
      });
  }

  // The view is part of the address too, so a shared link opens the same place.
  function restoreView() {
    const match = /^#map=(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
    if (match) {
      map.setView([Number(match[2]), Number(match[3])], Number(match[1]));
    } else if (config.bounds) {
      map.fitBounds(config.bounds, { padding: [24, 24], maxZoom: 17 });
    }
  }

  function rememberView() {
    const centre = map.getCenter();
    const hash = `#map=${map.getZoom()}/${centre.lat.toFixed(5)}/${centre.lng.toFixed(5)}`;
    history.replaceState(null, "", location.pathname + location.search + hash);
  }

  if (form) {
    form.querySelectorAll('input[name="observation_ids"][type="checkbox"]').forEach((box) => {
      if (box.checked) selection.add(Number(box.value));
      box.addEventListener("change", () => toggleSelected(Number(box.value), box.checked));
    });
  }
  document.querySelectorAll(".show-on-map").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const id = Number(button.dataset.observationId);
      map.getContainer().scrollIntoView({ block: "nearest" });
      if (!activate(id, false)) {
        // Not loaded yet: go there, and open it once the area's data has arrived.
        fetchSummary(id)
          .then((data) => {
            pendingPopup = id;
            map.setView([data.lat, data.lon], 17);
          });
      }
    });
  });

  restoreView();
  map.on("moveend", () => {
    rememberView();
    load();
  });
  refreshSelection();
  load();
})();
