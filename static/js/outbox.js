/* walkapp's outbox: observations and photos wait in IndexedDB until the server has them.
   Shared by the field page and the service worker (importScripts), so either can send.
   Every record carries a client-made UUID and every photo its SHA-256: a retry never duplicates. */
(function (scope) {
  "use strict";

  const DB_NAME = "walkapp";
  const DB_VERSION = 1;

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  function openDb() {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      const outbox = db.createObjectStore("outbox", { keyPath: "client_uuid" });
      outbox.createIndex("created_at", "created_at");
      db.createObjectStore("meta", { keyPath: "key" });
    };
    return request(req);
  }

  async function withStore(name, mode, work) {
    const db = await openDb();
    try {
      const tx = db.transaction(name, mode);
      const result = await work(tx.objectStore(name));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      return result;
    } finally {
      db.close();
    }
  }

  const Outbox = {
    save(record) {
      return withStore("outbox", "readwrite", (store) => request(store.put(record)));
    },
    get(uuid) {
      return withStore("outbox", "readonly", (store) => request(store.get(uuid)));
    },
    async all() {
      const records = await withStore("outbox", "readonly", (store) => request(store.getAll()));
      return records.sort((a, b) => a.created_at.localeCompare(b.created_at));
    },
    setMeta(key, value) {
      return withStore("meta", "readwrite", (store) => request(store.put({ key, value })));
    },
    async getMeta(key) {
      const row = await withStore("meta", "readonly", (store) => request(store.get(key)));
      return row ? row.value : undefined;
    },
  };

  async function errorText(response) {
    try {
      const body = await response.json();
      return (body.error && body.error.message) || response.statusText;
    } catch (err) {
      return response.statusText || String(response.status);
    }
  }

  // "Try again later", not "no": a rate limit (many phones behind one address) or a proxy's
  // timeout on a slow upload.
  const LATER = [408, 429];

  // One request for a record: accepted (2xx), refused for good (4xx: the record keeps the reason
  // and waits for the participant), or it throws and the whole outbox tries again later.
  async function deliver(record, url, init, onAccepted) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin" }, init));
    if (response.status === 200 || response.status === 201) {
      await onAccepted(response);
      await Outbox.save(record);
      return true;
    }
    if (response.status >= 400 && response.status < 500 && !LATER.includes(response.status)) {
      record.state = "rejected";
      record.error = await errorText(response);
      await Outbox.save(record);
      return false;
    }
    throw new Error("server answered " + response.status);
  }

  // Sends one record: its data first, then each photo. "sent", "rejected" or throws (retry later).
  async function sendOne(record, csrf) {
    if (!record.server_id) {
      const accepted = await deliver(record, record.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf || "" },
        body: JSON.stringify(record.payload),
      }, async (response) => {
        record.server_id = (await response.json()).id;
      });
      if (!accepted) return "rejected";
    }
    for (const photo of record.photos) {
      if (photo.sent) continue;
      const accepted = await deliver(record, record.url + "/" + record.client_uuid + "/photos/" + photo.sha256, {
        method: "PUT",
        headers: { "Content-Type": photo.blob.type || "image/jpeg", "X-CSRFToken": csrf || "" },
        body: photo.blob,
      }, async () => {
        photo.sent = true;
      });
      if (!accepted) return "rejected";
    }
    record.state = "sent";
    record.error = null;
    await Outbox.save(record);
    return "sent";
  }

  let flushing = null;

  // Sends every waiting record, oldest first, one at a time. Resolves to the number still waiting.
  Outbox.flush = function () {
    if (flushing) return flushing;
    flushing = (async () => {
      try {
        const csrf = await Outbox.getMeta("csrf");
        for (const record of await Outbox.all()) {
          if (record.state !== "waiting") continue;
          try {
            await sendOne(record, csrf);
          } catch (err) {
            break; // no connection or a server fault: keep the order, try again later
          }
        }
        return (await Outbox.all()).filter((r) => r.state === "waiting").length;
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  };

  scope.WalkappOutbox = Outbox;
})(typeof self !== "undefined" ? self : window);
