/* The field page: a map of the walk, the new-observation form, and the outbox that never loses.
   Each part is a module of its own (field/); this one reads the page's config and joins them. */
import { setupCapture } from "./field/capture.js";
import { createEarlier } from "./field/earlier.js";
import { createList, walkRecords } from "./field/list.js";
import { createMap, drawWalkPins, phoneMarker, pinLayer } from "./field/map.js";
import { createSender, registerWorker } from "./field/outbox.js";
import { createPosition, watchPhone } from "./field/position.js";
import { attachRoute } from "./field/route.js";

/** The server's config (limits, enum values, texts, URLs), read once; categories named from the form's tiles. */
function readConfig() {
  const config = JSON.parse(document.getElementById("field-config").textContent);
  config.labels = {};
  for (const input of document.querySelectorAll('#category-field input[name="category"]')) {
    config.labels[input.value] = input.closest("label").textContent.trim();
  }
  return config;
}

function main() {
  const config = readConfig();
  const msg = config.messages;
  const Outbox = window.WalkappOutbox;
  const el = (id) => document.getElementById(id);
  Outbox.setMeta("csrf", document.querySelector(".field").dataset.csrf);

  const map = createMap(config);
  attachRoute(map, config); // the planned route, the shared track, the leader's live pins
  const pins = pinLayer(map);
  const records = () => walkRecords(Outbox, config.walkId);
  const drawPins = async () => drawWalkPins(pins, config, await records());

  // The form's position: the phone's fixes, offered to the form while it is open.
  const position = createPosition(map, msg, el("position-text"));
  const showPhone = phoneMarker(map);
  let lastFix = null;
  watchPhone((fix) => {
    lastFix = fix.coords;
    showPhone(fix.coords);
    position.offerFix(fix.coords);
  }, () => position.noFix());
  el("use-map-centre").addEventListener("click", () => {
    const c = map.getCenter();
    position.set(c.lat, c.lng, null, "map");
  });

  const list = createList({
    config,
    Outbox,
    onEdit: (record) => capture.open(record),
    onRetry: async (record) => {
      record.state = "waiting";
      await Outbox.save(record);
      sender.flush();
    },
  });
  const sender = createSender({ Outbox, messages: msg, render: list.render, onAllSent: drawPins });
  const earlier = createEarlier({
    config,
    Outbox,
    pins: pinLayer(map),
    onSaved: () => {
      sender.flush();
      sender.requestSync();
    },
  });
  const capture = setupCapture({
    config,
    Outbox,
    map,
    position,
    lastFix: () => lastFix,
    onSaved: async (uuid) => {
      list.announce(uuid);
      el("capture-status").textContent = msg.savedWaiting;
      el("sync-status").textContent = msg.saved;
      await list.render();
      sender.requestSync();
      sender.flush();
    },
  });

  registerWorker();
  list.render().then((waiting) => {
    drawPins();
    earlier.draw();
    sender.flush(waiting > 0);
  });
}

main();
