/* The field page's map: its tiles, the walk's pins, and where the phone is. Colours: walkapp.css. */

/** The map in #map, with the tiles the server named in the page's config. */
export function createMap(config) {
  const map = L.map("map", { zoomControl: true }).setView(config.center, 16);
  L.tileLayer(config.tileUrl, {
    minZoom: config.tileMinZoom || 0,
    maxZoom: 19,
    maxNativeZoom: config.tileMaxZoom || 19,
    attribution: config.tileAttribution,
  }).addTo(map);
  return map;
}

/** A layer of pins with a tooltip each: add(lat, lon, title, options), clear(). `kind` (one or a list)
 * names the colour in walkapp.css (.map-dot--mine, .map-dot--verdict-fixed...). */
export function pinLayer(map) {
  const layer = L.layerGroup().addTo(map);
  return {
    clear: () => layer.clearLayers(),
    add(lat, lon, title, { radius = 7, kind = "problem", fillOpacity = 0.9, dashArray = null } = {}) {
      const className = ["map-dot", ...[].concat(kind).map((k) => "map-dot--" + k)].join(" ");
      const marker = L.circleMarker([lat, lon], { radius, weight: 2, fillOpacity, dashArray, className });
      const label = document.createElement("span");
      label.textContent = title; // text, never HTML: notes and labels are user data
      marker.bindTooltip(label);
      return marker.addTo(layer);
    },
  };
}

/** The phone's own place: a dot and its accuracy circle; the map goes there at the first fix. */
export function phoneMarker(map) {
  let dot = null;
  let circle = null;
  return function show(coords) {
    const at = [coords.latitude, coords.longitude];
    if (dot === null) {
      dot = L.circleMarker(at, { radius: 6, weight: 3, fillOpacity: 1, className: "map-me" }).addTo(map);
      circle = L.circle(at, { radius: coords.accuracy, weight: 1, fillOpacity: 0.1, className: "map-me-accuracy" }).addTo(map);
      map.setView(at, 17);
    } else {
      dot.setLatLng(at);
      circle.setLatLng(at).setRadius(coords.accuracy);
    }
  };
}

/**
 * The walk's observations as pins: the server's list, then this phone's records it has not got
 * yet (offline, or still waiting). `labels`: the category names; `records`: this walk's records.
 */
export async function drawWalkPins(pins, config, records) {
  let server = [];
  try {
    const response = await fetch(config.observationsUrl, { credentials: "same-origin" });
    if (response.ok) server = await response.json();
  } catch (err) {
    /* offline: the phone's own records are drawn below */
  }
  pins.clear();
  const known = new Set(server.map((o) => o.client_uuid));
  const pin = (lat, lon, mine, title) => pins.add(lat, lon, title, { radius: mine ? 9 : 7, kind: mine ? "mine" : "problem" });
  for (const o of server) pin(o.lat, o.lon, o.mine, config.labels[o.category] || o.category);
  for (const record of records) {
    if (record.kind === "check" || known.has(record.client_uuid)) continue;
    pin(record.payload.lat, record.payload.lon, true, config.labels[record.payload.category]);
  }
}
