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

  // Sends one record: its data first, then each photo. "sent", "rejected" or throws (retry later).
  async function sendOne(record, csrf) {
    const headers = { "X-CSRFToken": csrf || "" };
    if (!record.server_id) {
      const response = await fetch(record.url, {
        method: "POST",
        credentials: "same-origin",
        headers: Object.assign({ "Content-Type": "application/json" }, headers),
        body: JSON.stringify(record.payload),
      });
      if (response.status === 200 || response.status === 201) {
        record.server_id = (await response.json()).id;
        await Outbox.save(record);
      } else if (response.status >= 400 && response.status < 500) {
        record.state = "rejected";
        record.error = await errorText(response);
        await Outbox.save(record);
        return "rejected";
      } else {
        throw new Error("server answered " + response.status);
      }
    }
    for (const photo of record.photos) {
      if (photo.sent) continue;
      const url = record.url + "/" + record.client_uuid + "/photos/" + photo.sha256;
      const response = await fetch(url, {
        method: "PUT",
        credentials: "same-origin",
        headers: Object.assign({ "Content-Type": photo.blob.type || "image/jpeg" }, headers),
        body: photo.blob,
      });
      if (response.status === 200 || response.status === 201) {
        photo.sent = true;
        await Outbox.save(record);
      } else if (response.status >= 400 && response.status < 500) {
        record.state = "rejected";
        record.error = await errorText(response);
        await Outbox.save(record);
        return "rejected";
      } else {
        throw new Error("server answered " + response.status);
      }
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
