/* The leader's live map: the group's pins, polled every ~10 s with If-None-Match (mostly a 304). */

const INTERVAL_MS = 10000;

/**
 * Poll `url` and keep a layer of the walk's pins on `map` up to date.
 * options.status: an element (role=status) told how many pins there are and the newest one;
 * options.message: its text, with {n} and {label}, as {one, other}: the server's plural forms.
 */
export function startLiveView(map, { url, status = null, message = "", interval = INTERVAL_MS }) {
  const layer = L.layerGroup().addTo(map);
  const container = map.getContainer();
  let etag = null;
  let timer = null;
  let running = false;

  function draw(observations) {
    layer.clearLayers();
    for (const o of observations) {
      const label = document.createElement("span");
      label.textContent = o.label + (o.status_label ? " – " + o.status_label : ""); // never HTML
      L.circleMarker([o.lat, o.lon], {
        // The polarity's colour comes from walkapp.css (.map-dot--problem, --proposal, --positive).
        radius: 8, weight: 2, fillOpacity: 0.9, className: "map-dot map-dot--" + o.polarity,
      }).bindTooltip(label).addTo(layer);
    }
    container.dataset.livePins = String(observations.length);
    if (status && message && observations.length) {
      const newest = observations[observations.length - 1];
      const text = observations.length === 1 ? message.one : message.other;
      status.textContent = text.replace("{n}", observations.length).replace("{label}", newest.label);
    }
  }

  async function poll() {
    if (running) return;
    running = true;
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      // no-store: the browser must not answer the 304 from its own cache as a 200.
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        draw(await response.json());
      }
    } catch (err) {
      /* no connection: the pins drawn last stay, and the next poll tries again */
    } finally {
      running = false;
    }
  }

  function schedule() {
    clearInterval(timer);
    timer = document.hidden ? null : setInterval(poll, interval);
  }

  // A phone in a pocket does not poll; it catches up at once when it is looked at again.
  document.addEventListener("visibilitychange", () => {
    schedule();
    if (!document.hidden) poll();
  });
  schedule();
  poll();
  return { poll, layer };
}
