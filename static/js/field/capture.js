/* The new-observation form: photo, category, Save first; the rest optional; saved into the outbox. */
import { categoryOrderer, recentCategories, rememberCategory } from "./categories.js";
import { exifPosition, loadExif } from "./exif.js";
import { chosenFiles, countSentence, preparePhotos } from "./photos.js";

/**
 * Wires the form. `position` is createPosition's object, `lastFix()` the phone's latest GPS
 * coordinates (or null), `onSaved(uuid)` runs once a record is in the outbox.
 * Returns { open(record) }: a new observation, or a waiting/refused record to correct.
 */
export function setupCapture({ config, Outbox, map, position, lastFix, onSaved }) {
  const msg = config.messages;
  const el = (id) => document.getElementById(id);
  const section = el("observation-form");
  const form = el("observation");
  const saveButton = form.querySelector("button[type=submit]");
  const photoInputs = [el("photo"), el("photos")];
  const orderCategories = categoryOrderer(form);
  let editing = null; // the record being corrected
  let photoPosition = null;
  let saving = false;

  async function photosChanged() {
    const files = chosenFiles(photoInputs);
    el("photo-text").textContent = countSentence(msg, files.length, config.maxPhotos);
    photoPosition = null;
    for (const file of files.slice(0, config.maxPhotos)) {
      photoPosition = photoPosition || (await exifPosition(file, config.exifrUrl));
    }
    el("use-photo-position").hidden = photoPosition === null;
  }
  photoInputs.forEach((input) => input.addEventListener("change", photosChanged));

  el("use-photo-position").addEventListener("click", () => {
    position.set(photoPosition.lat, photoPosition.lon, null, "photo_exif");
    map.panTo([photoPosition.lat, photoPosition.lon]);
  });

  // A category brings its usual kind (problem, proposal, safe place); the participant may change it.
  form.querySelectorAll("input[name=category]").forEach((input) => {
    input.addEventListener("change", () => {
      const polarity = form.querySelector(`input[name=polarity][value="${input.dataset.polarity}"]`);
      if (polarity) polarity.checked = true;
    });
  });

  function check(name, value) {
    const input = form.querySelector(`input[name=${name}][value="${CSS.escape(String(value))}"]`);
    if (input) input.checked = true;
  }

  function open(record) {
    editing = record || null;
    loadExif(config.exifrUrl); // ready, and kept by the browser, before a photo is chosen
    form.reset();
    orderCategories(recentCategories(config.walkId));
    el("form-error").hidden = true;
    el("photo-text").textContent = "";
    el("use-photo-position").hidden = true;
    photoPosition = null;
    let initial = null;
    if (record) {
      const p = record.payload;
      check("category", p.category);
      check("polarity", p.polarity);
      check("severity", p.severity);
      if (p.feeling != null) check("feeling", p.feeling);
      form.note.value = p.note;
      initial = { lat: p.lat, lon: p.lon, accuracy: p.accuracy_m, source: p.location_source };
    }
    section.hidden = false;
    if (el("new-observation")) el("new-observation").hidden = true;
    position.open(initial);
    const fix = lastFix();
    if (!initial && fix) position.offerFix(fix);
    el("form-heading").focus();
  }

  function close() {
    section.hidden = true;
    position.close();
    editing = null;
    const again = el("new-observation");
    if (again) {
      again.hidden = false;
      again.focus(); // the next observation is one key or tap away
    }
  }

  function formError(text) {
    el("form-error").textContent = text;
    el("form-error").hidden = false;
    el("form-error").focus();
  }

  async function save() {
    const category = form.querySelector("input[name=category]:checked");
    if (!category) return formError(msg.chooseCategory);
    const best = position.best;
    if (!best) return formError(msg.needPosition);
    const feeling = form.querySelector("input[name=feeling]:checked");
    const payload = {
      client_uuid: editing ? editing.client_uuid : crypto.randomUUID(),
      lat: best.lat,
      lon: best.lon,
      accuracy_m: best.accuracy,
      location_source: best.source,
      category: category.value,
      polarity: form.querySelector("input[name=polarity]:checked").value,
      severity: Number(form.querySelector("input[name=severity]:checked").value),
      feeling: feeling ? Number(feeling.value) : null,
      note: form.note.value.trim(),
      recorded_at: editing ? editing.payload.recorded_at : new Date().toISOString(),
    };
    const files = chosenFiles(photoInputs);
    // A correction without new photos keeps the ones it had; they are sent again, idempotently.
    const photos = files.length
      ? await preparePhotos(files, config.maxPhotos, config.photoSize)
      : editing
        ? editing.photos.map((p) => Object.assign({}, p, { sent: false }))
        : [];
    await Outbox.save({
      client_uuid: payload.client_uuid,
      walk_id: config.walkId,
      url: config.observationsUrl,
      payload,
      photos,
      state: "waiting",
      error: null,
      server_id: null,
      created_at: editing ? editing.created_at : new Date().toISOString(),
    });
    rememberCategory(config.walkId, category.value);
    close();
    await onSaved(payload.client_uuid);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (saving) return; // a second tap while photos are shrinking must not save twice
    saving = true;
    saveButton.disabled = true;
    try {
      await save();
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  });

  el("cancel-observation").addEventListener("click", close);
  if (el("new-observation")) el("new-observation").addEventListener("click", () => open(null));
  return { open };
}
