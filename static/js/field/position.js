/* Where the observation is: the best GPS fix while the form is open, or the map, or the photo. */

export function createPosition(map, messages, text) {
  let best = null; // {lat, lon, accuracy, source}
  let draggable = null;
  let open = false;
  let noGps = false; // the phone said it has no position: tell again at each opening

  function show() {
    const source = { gps: messages.sourceGps, map: messages.sourceMap, photo_exif: messages.sourcePhoto };
    text.textContent = messages.position
      .replace("{m}", best.accuracy == null ? "?" : Math.round(best.accuracy))
      .replace("{source}", source[best.source]);
    if (!draggable) {
      // Drawn by CSS (.position-pin), not Leaflet's marker image: it shows offline too.
      const icon = L.divIcon({ className: "position-pin", iconSize: [26, 28], iconAnchor: [13, 26] });
      draggable = L.marker([best.lat, best.lon], { draggable: true, keyboard: true, icon, title: messages.myPin }).addTo(map);
      draggable.on("dragend", () => {
        const p = draggable.getLatLng();
        set(p.lat, p.lng, null, "map");
      });
    } else {
      draggable.setLatLng([best.lat, best.lon]);
    }
  }

  function set(lat, lon, accuracy, source) {
    best = { lat, lon, accuracy, source };
    show();
  }

  map.on("click", (event) => {
    if (open) set(event.latlng.lat, event.latlng.lng, null, "map");
  });

  return {
    get best() {
      return best;
    },
    set,
    /** A GPS fix: taken while the form is open if nothing better is known. */
    offerFix(coords) {
      noGps = false;
      if (open && (!best || (best.source === "gps" && coords.accuracy < best.accuracy))) {
        set(coords.latitude, coords.longitude, coords.accuracy, "gps");
      }
    },
    noFix() {
      noGps = true;
      if (!best) text.textContent = messages.noGps;
    },
    open(initial) {
      open = true;
      best = initial;
      if (best) show();
      else text.textContent = noGps ? messages.noGps : messages.lookingForPosition;
    },
    close() {
      open = false;
      best = null;
      if (draggable) map.removeLayer(draggable);
      draggable = null;
    },
  };
}

/** Follows the phone's GPS: onFix(position) at each fix, onNone() when the phone has none. */
export function watchPhone(onFix, onNone) {
  if (!("geolocation" in navigator)) {
    onNone();
    return;
  }
  navigator.geolocation.watchPosition(onFix, onNone, {
    enableHighAccuracy: true, maximumAge: 10000, timeout: 30000,
  });
}
