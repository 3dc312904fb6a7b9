/* "My observations on this walk": this phone's records, newest first, with their state and a way
   to correct or resend them; announces the last saved one once it is sent. */

/** This walk's records in the phone's outbox, oldest first. */
export async function walkRecords(Outbox, walkId) {
  return (await Outbox.all()).filter((r) => r.walk_id === walkId);
}

function button(text, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "button";
  element.textContent = text;
  element.addEventListener("click", onClick);
  return element;
}

function clock(msg, iso) {
  const at = new Date(iso);
  const two = (n) => String(n).padStart(2, "0");
  return msg.clock.replace("{h}", two(at.getHours())).replace("{m}", two(at.getMinutes()));
}

function card(record, config, { onEdit, onRetry }) {
  const msg = config.messages;
  const check = record.kind === "check";
  const item = document.createElement("li");
  item.className = "card card--" + record.state;
  item.dataset.uuid = record.client_uuid;
  const title = document.createElement("h3");
  title.className = "card__title";
  title.textContent = check
    ? msg.checkOf.replace("{category}", record.label)
    : config.labels[record.payload.category] || record.payload.category;
  const meta = document.createElement("p");
  meta.className = "card__meta";
  meta.textContent = clock(msg, record.payload.recorded_at || record.payload.checked_at) + " · " +
    (check ? msg[record.payload.verdict] + " · " : "") +
    msg[record.state] + (record.photos.length ? " · 📷 " + record.photos.length : "");
  item.append(title, meta);
  if (record.payload.note) {
    const note = document.createElement("p");
    note.textContent = record.payload.note; // text, never HTML
    item.append(note);
  }
  if (record.state === "waiting" && !record.server_id && !check) {
    // Not on the server yet: it can still be corrected in place.
    item.append(button(msg.edit, () => onEdit(record)));
  }
  if (record.state === "rejected") {
    const reason = document.createElement("p");
    reason.className = "field-error";
    reason.textContent = record.error;
    item.append(reason);
    if (!check) item.append(button(msg.edit, () => onEdit(record)));
    item.append(button(msg.retry, () => onRetry(record)));
  }
  return item;
}

/**
 * The list in #my-observations. Returns { render, announce(uuid) }: render() draws it again and
 * returns how many records wait; announce(uuid) says, once, when that record is sent or refused.
 */
export function createList({ config, Outbox, onEdit, onRetry }) {
  const msg = config.messages;
  const el = (id) => document.getElementById(id);
  let announced = null;

  async function render() {
    const records = await walkRecords(Outbox, config.walkId);
    const list = el("my-observations");
    list.replaceChildren(...records.slice().reverse().map((r) => card(r, config, { onEdit, onRetry })));
    el("no-observations").hidden = records.length > 0;
    const last = announced && records.find((r) => r.client_uuid === announced);
    if (last && last.state !== "waiting") {
      el("capture-status").textContent = last.state === "sent" ? msg.sentOne : msg.rejected;
      announced = null;
    }
    const waiting = records.filter((r) => r.state === "waiting").length;
    el("waiting-count").textContent = waiting;
    el("send-now").hidden = waiting === 0;
    return waiting;
  }

  return {
    render,
    announce(uuid) {
      announced = uuid;
    },
  };
}
