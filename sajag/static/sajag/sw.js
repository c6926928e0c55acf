/* Sajag service worker: keeps the field pages and their assets so a form opens without signal.
   Pages: network first, the last copy when offline. Static files: cache first. */
const CACHE = "sajag-field-v1";
const FIELD_PAGE = /^\/(en\/)?field\//;

self.addEventListener("install", (event) => { self.skipWaiting(); });
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) caches.open(CACHE).then((c) => c.put(request, response.clone()));
      return response;
    })));
  } else if (request.mode === "navigate" && FIELD_PAGE.test(url.pathname)) {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(CACHE).then((c) => c.put(request, copy)); }
      return response;
    }).catch(() => caches.match(request)));
  }
});
