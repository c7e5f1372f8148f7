// Completes Leptos's islands router (framework workaround W7 in
// docs/framework-workarounds.md; what each part does and why is in
// navigation.rs). Runs from <head>, before anything else listens.
(function () {
  var H = history, L = location, D = document;
  var push = H.pushState, swap = H.replaceState;
  var at = {}; // scroll position of each history entry, by its key
  var popping = false; // a back/forward move is under way
  var moving = false; // a new page is being swapped in: positions are not kept

  // The router starts a view transition and does not wait for it.
  D.startViewTransition = undefined;

  // The router calls __hydrateIsland for the islands of each new page: only
  // let it through once the WASM client runs (it sets __guideClient).
  var hydrate;
  Object.defineProperty(window, '__hydrateIsland', {
    configurable: true,
    get: function () {
      return function (el, id) {
        if (window.__guideClient && hydrate) return hydrate(el, id);
      };
    },
    set: function (f) { hydrate = f; }
  });

  function here() { return L.pathname + L.search; }
  var shown = here();
  function entry() { return H.state && H.state.entry; }
  function fresh() { return Math.random().toString(36).slice(2); }
  if (!entry()) swap.call(H, { entry: fresh() }, '');

  function keep() {
    var key = entry();
    if (key && !moving) at[key] = scrollY;
  }
  addEventListener('scroll', keep, { passive: true });

  // A new page is in: mark the current links, scroll, and move focus.
  function arrived(back) {
    shown = here();
    moving = false;
    D.querySelectorAll('nav a[href]').forEach(function (a) {
      if (a.pathname === L.pathname && !a.hash && a.search === L.search) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    var key = entry();
    var target = L.hash && D.getElementById(decodeURIComponent(L.hash.slice(1)));
    if (back && key && at[key] != null) scrollTo(0, at[key]);
    else if (target) target.scrollIntoView();
    else scrollTo(0, 0);
    var main = D.getElementById('main');
    if (main && !target) main.focus({ preventScroll: true });
  }

  H.pushState = function (state, title, url) {
    push.call(H, { entry: fresh() }, title, url);
    arrived(false);
  };
  H.replaceState = function (state, title, url) {
    swap.call(H, state === undefined ? H.state : state, title, url);
    if (popping) {
      popping = false;
      arrived(true);
    }
  };

  addEventListener('popstate', function (e) {
    // Only the fragment changed: not a new page for the router.
    if (here() === shown) e.stopImmediatePropagation();
    else {
      popping = true;
      moving = true;
    }
  }, true);

  addEventListener('click', function (e) {
    var a = e.target && e.target.closest && e.target.closest('a[href]');
    if (!a || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target) return;
    if (a.origin !== L.origin || a.hasAttribute('download')) return;
    if (a.pathname !== L.pathname || a.search !== L.search || !a.hash) {
      // Another page: the router fetches it.
      keep();
      moving = true;
      return;
    }
    // A link within this page: the browser's own jump, not the router's fetch.
    e.preventDefault();
    if (L.hash !== a.hash) L.hash = a.hash;
    var target = D.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (target) {
      target.scrollIntoView();
      if (target.hasAttribute('tabindex')) target.focus({ preventScroll: true });
    }
  }, true);
})();
