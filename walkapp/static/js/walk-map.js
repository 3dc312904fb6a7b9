/* A small map of one walk's observations; every point is also in the list below the map. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("walk-map-data").textContent);
  if (!data.points.length) return;
  const map = L.map("walk-map", { scrollWheelZoom: false });
  L.tileLayer(data.tileUrl, { maxZoom: 19, attribution: data.tileAttribution }).addTo(map);
  const bounds = [];
  for (const point of data.points) {
    const marker = L.circleMarker([point.lat, point.lon], {
      radius: 8, color: "#111", weight: 2, fillColor: point.colour, fillOpacity: 0.9,
    }).addTo(map);
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.label; // text, never HTML
    marker.bindPopup(link);
    bounds.push([point.lat, point.lon]);
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
})();
