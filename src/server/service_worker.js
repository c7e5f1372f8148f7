// The guide's service worker: keeps every page and asset of one build so the
// whole site works offline after the first visit.
//
// The server fills in BUILD and PRECACHE when it starts (see
// src/server/offline.rs): BUILD is a digest of everything below, so a new
// deployment is a new worker with a new cache, and one cache only ever
// holds the pages and assets of one build.
//
// - Pages: network first (3 s), then the cached copy of this build.
// - Hashed assets under /pkg/: cache first; their names change with their content.
// - Other listed files (manifest, icons): cache first, refreshed in the background.
// A new worker waits until the page asks it to take over ("update available").

const BUILD = "__BUILD__";
const PRECACHE = __PRECACHE__;
const CACHE = `backend-guide-${BUILD}`;
// The SQL lab's engine and editor (megabytes): not fetched at install, kept
// when the lab first loads them, in a cache that outlives builds, since
// their hashed names change only when the files do. Files of other builds
// are dropped from it when this worker takes over.
const LAB_FILES = __LAB_FILES__;
const LAB_CACHE = "backend-guide-lab";
const PAGE_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload` skips the HTTP cache, so nothing from an older build slips in.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("backend-guide-") && name !== CACHE && name !== LAB_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(pruneLab)
      .then(() => self.clients.claim()),
  );
});

// "take-over": sent by the page when the reader clicks "Reload to update".
// "keep-lab": sent by the lab once its engine is ready, so the engine is
// kept for offline use even when it was fetched before this worker took
// control of the page (on a first visit that starts at the lab).
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
  if (event.data === "keep-lab") event.waitUntil(keepLab());
});

async function keepLab() {
  const cache = await caches.open(LAB_CACHE);
  for (const url of LAB_FILES) {
    if (!(await cache.match(url))) await cache.add(url);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/healthz" || url.pathname === "/sw.js") return;
  // Pages: opened by the browser, or fetched by the islands router when a
  // link inside the site is followed (it marks its requests).
  if (request.mode === "navigate" || request.headers.has("Islands-Router")) {
    event.respondWith(page(request, url));
  } else if (LAB_FILES.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, LAB_CACHE));
  } else if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(cacheFirst(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event, request));
  }
});

async function page(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    // Keep a fresh copy only when it belongs to this worker's build; a page
    // of a newer build would name assets this cache does not have.
    if (response.ok && !url.search && response.headers.get("x-build") === BUILD) {
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch {
    const cached = await cache.match(url.pathname);
    return cached || offlinePage();
  }
}

async function cacheFirst(request, name = CACHE) {
  const cache = await caches.open(name);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function pruneLab() {
  // Opening a cache creates it: a reader who never opened the lab has none.
  if (!(await caches.has(LAB_CACHE))) return;
  const cache = await caches.open(LAB_CACHE);
  for (const request of await cache.keys()) {
    if (!LAB_FILES.includes(new URL(request.url).pathname)) await cache.delete(request);
  }
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const refresh = fetch(request).then((response) => {
    if (response.ok) return cache.put(request, response.clone()).then(() => response);
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// A page this build does not have (an unknown address), asked for offline.
function offlinePage() {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline - Backend Guide</title></head><body>
<main><h1>You are offline</h1>
<p>This address is not part of the saved guide. Every section is saved, though:
<a href="/">go to the overview</a>.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}
