/* A small map of one walk's observations; every point is also in the list below the map. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("walk-map-data").textContent);
  const lines = data.walked || [];
  const route = data.route || [];
  if (!data.points.length && !data.liveUrl && !route.length && !lines.length) return;
  const map = L.map("walk-map", { scrollWheelZoom: false });
  L.tileLayer(data.tileUrl, { minZoom: data.tileMinZoom || 0, maxZoom: 19, maxNativeZoom: data.tileMaxZoom || 19, attribution: data.tileAttribution }).addTo(map);
  const bounds = [];
  for (const point of data.points) {
    const marker = L.circleMarker([point.lat, point.lon], {
      radius: 8, weight: 2, fillOpacity: 0.9, className: "map-dot map-dot--" + point.kind, // colour: walkapp.css
    }).addTo(map);
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.label; // text, never HTML
    marker.bindPopup(link);
    bounds.push([point.lat, point.lon]);
  }
  // The walked route (every shared track, no names), the planned route and its stops.
  for (const line of lines) {
    L.polyline(line, { className: "map-walked", weight: 3, opacity: 0.6 }).addTo(map);
    bounds.push(...line);
  }
  if (route.length) {
    L.polyline(route, { className: "map-route", weight: 4, dashArray: "8 6" }).addTo(map);
    bounds.push(...route);
  }
  for (const stop of data.stops || []) {
    const label = document.createElement("span");
    label.textContent = stop.name; // text, never HTML
    L.circleMarker([stop.lat, stop.lon], { radius: 6, className: "map-stop", weight: 3, fillOpacity: 1 })
      .bindTooltip(label).addTo(map);
    bounds.push([stop.lat, stop.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  else map.setView(data.center, 15);
  // During the walk the leader's map polls for the group's new pins (live-view.js).
  if (data.liveUrl && data.liveModule) {
    import(data.liveModule).then((live) => live.startLiveView(map, {
      url: data.liveUrl,
      status: document.getElementById("live-status"),
      message: data.messages && data.messages.livePins,
    }));
  }
})();
