/* A repeat walk: the earlier walk's observations, listed and pinned, each judged again (a "check"
   saved in the outbox like an observation). The verdicts are the server's (config.verdicts). */
import { walkRecords } from "./list.js";

async function earlierObservations(config, Outbox) {
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

/**
 * Wires #earlier-observations, if the page has it. `pins`: a pinLayer; `onSaved()` runs after a
 * check is saved. Returns { draw() }.
 */
export function createEarlier({ config, Outbox, pins, onSaved }) {
  const msg = config.messages;
  const list = document.getElementById("earlier-observations");

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
    document.getElementById("sync-status").textContent = msg.saved;
    await draw();
    onSaved();
  }

  function item(o, verdict) {
    const element = document.createElement("li");
    element.className = "card";
    element.id = "earlier-" + o.id;
    const title = document.createElement("h3");
    title.className = "card__title";
    title.textContent = o.category_label;
    const meta = document.createElement("p");
    meta.className = "card__meta";
    meta.textContent = o.status_label + (verdict ? " · " + msg.yourVerdict.replace("{verdict}", msg[verdict]) : "");
    element.append(title, meta);
    if (o.note) {
      const note = document.createElement("p");
      note.textContent = o.note; // text, never HTML
      element.append(note);
    }
    const buttons = document.createElement("div");
    buttons.className = "segmented";
    buttons.setAttribute("role", "group");
    buttons.setAttribute("aria-label", o.category_label);
    for (const choice of config.verdicts) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = msg[choice];
      button.setAttribute("aria-pressed", String(verdict === choice));
      button.addEventListener("click", () => saveCheck(o, choice));
      buttons.append(button);
    }
    element.append(buttons);
    return element;
  }

  async function draw() {
    if (!list || !config.earlierUrl) return;
    const observations = await earlierObservations(config, Outbox);
    const mine = new Map();
    for (const record of await walkRecords(Outbox, config.walkId)) {
      if (record.kind === "check") mine.set(record.observation_id, record.payload.verdict);
    }
    pins.clear();
    list.replaceChildren();
    for (const o of observations) {
      const verdict = mine.get(o.id) || o.my_verdict;
      const element = item(o, verdict);
      list.append(element);
      const kind = verdict ? ["earlier", "verdict-" + verdict] : "earlier"; // the colour says fixed
      pins.add(o.lat, o.lon, o.category_label, { radius: 8, kind, fillOpacity: 0.8, dashArray: "3 3" })
        .on("click", () => element.scrollIntoView({ behavior: "smooth", block: "center" }));
    }
  }

  return { draw };
}
