/* Sajag field forms: "use my location", and an offline queue that sends each record exactly once.
   A record made without signal is kept in IndexedDB with a client-generated id; the server
   stores a record with a given id only once, so sending again after a lost reply is harmless. */
(function () {
  "use strict";
  var DB = "sajag-field", STORE = "queue";

  function openDb() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: "id" }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function tx(mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), result = fn(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  var all = function () { return tx("readonly", function (s) { return s.getAll(); }); };
  var put = function (item) { return tx("readwrite", function (s) { s.put(item); }); };
  var remove = function (id) { return tx("readwrite", function (s) { s.delete(id); }); };

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  // ---- the queue panel ----
  var panel = document.getElementById("queue");
  function render() {
    if (!panel) return Promise.resolve();
    return all().then(function (items) {
      var list = document.getElementById("queue-list");
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item.title + " — " + (item.failed ? panel.dataset.labelFailed : panel.dataset.labelWaiting);
        li.dataset.id = item.id;
        list.appendChild(li);
      });
      panel.hidden = items.length === 0;
    });
  }

  var sending = false;
  function sendAll() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    return all().then(function (items) {
      return items.reduce(function (chain, item) {
        return chain.then(function () { return sendOne(item); });
      }, Promise.resolve());
    }).then(function () { sending = false; return render(); }, function () { sending = false; return render(); });
  }
  function sendOne(item) {
    var body = new FormData();
    item.fields.forEach(function (f) {
      if (f.blob) body.append(f.name, f.blob, f.filename); else body.append(f.name, f.value);
    });
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Sajag-Queue": "1", "X-CSRFToken": item.csrf }
    }).then(function (response) {
      if (response.status === 201 || response.status === 200) return remove(item.id);
      if (response.status === 400) { item.failed = true; return put(item); }
      // 403 or a redirect to sign in: keep it for later.
    }, function () { /* still no connection: keep it */ });
  }

  function queueForm(form) {
    var idField = form.querySelector("input[name=client_id]");
    if (!idField.value) idField.value = uuid();
    var fields = [], data = new FormData(form);
    data.forEach(function (value, name) {
      if (value instanceof File) {
        if (value.size) fields.push({ name: name, blob: value, filename: value.name });
      } else {
        fields.push({ name: name, value: value });
      }
    });
    var title = (document.querySelector("h1") || {}).textContent || "";
    var first = form.querySelector("input[type=text]");
    if (first && first.value) title += " · " + first.value;
    return put({
      id: idField.value, url: form.action || location.href, fields: fields, title: title.trim(),
      csrf: data.get("csrfmiddlewaretoken"), created: new Date().toISOString(), failed: false
    });
  }

  document.querySelectorAll("form[data-queue-form]").forEach(function (form) {
    var idField = form.querySelector("input[name=client_id]");
    if (idField && !idField.value) idField.value = uuid();
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) return; // a normal submit; the client id makes a retry harmless
      event.preventDefault();
      queueForm(form).then(function () {
        var note = document.createElement("p");
        note.className = "msg msg-success";
        note.setAttribute("role", "status");
        note.textContent = form.dataset.offlineMsg;
        form.parentNode.insertBefore(note, form);
        form.reset();
        form.querySelector("input[name=client_id]").value = uuid();
        return render();
      });
    });
  });

  // ---- "use my location" ----
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    var status = button.parentNode.querySelector("[data-locate-status]");
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = button.dataset.failed; return; }
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (pos) {
        var lat = pos.coords.latitude.toFixed(6), lon = pos.coords.longitude.toFixed(6);
        var latField = document.querySelector("[name=latitude]"), lonField = document.querySelector("[name=longitude]");
        if (latField) latField.value = lat;
        if (lonField) lonField.value = lon;
        status.textContent = button.dataset.located + " " + lat + ", " + lon;
      }, function () { status.textContent = button.dataset.failed; }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });

  var sendButton = document.getElementById("queue-send");
  if (sendButton) sendButton.addEventListener("click", sendAll);
  window.addEventListener("online", sendAll);
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
  render().then(sendAll);
  window.sajagQueue = { all: all, sendAll: sendAll };
})();
