//! Moving between pages without reloading the document.
//!
//! Leptos's islands router (feature `islands-router`) catches same-origin
//! link clicks and back/forward, fetches the new page's HTML and patches the
//! document with it; islands keep their state and the WASM stays loaded. In
//! the version we lock (0.8.23) it leaves a few things a reader expects
//! undone (docs/islands-research.md lists them), and [`NAVIGATION_SCRIPT`]
//! does them, from `<head>`, before anything else listens:
//!
//! - **Scroll.** After a new page arrives: its `#fragment`, else the top;
//!   after back/forward: where the reader was on that entry (positions are
//!   not recorded while a page is being swapped in, as the old page's
//!   height would clamp them).
//! - **`aria-current`.** The patch sets attributes but never removes them,
//!   so the site and contents links are marked again for the new address.
//! - **Focus.** Moves to `<main>` (without scrolling), so keyboard and
//!   screen reader users start on the new page rather than on a link that
//!   may be gone.
//! - **Links within the page** (`#fragment` on the same address, such as the
//!   skip link and "On this page") stay the browser's own: the router would
//!   fetch and patch the whole page for them.
//! - **Islands on the new page are hydrated only once the WASM is running**:
//!   when it failed to load, the router still moves between pages (the
//!   HTML is whole), without throwing at the missing client.
//! - **View transitions are off**: the router starts one and does not wait
//!   for it, so the address changed before the page did (and scrolling and
//!   focus would act on the old page).

/// Runs from `<head>` (it needs nothing in the body to exist yet).
pub const NAVIGATION_SCRIPT: &str = "(function(){\
var H=history,L=location,D=document,push=H.pushState,swap=H.replaceState,at={},popping=false;\
D.startViewTransition=undefined;\
var hydrate;Object.defineProperty(window,'__hydrateIsland',{configurable:true,\
get:function(){return function(el,id){if(window.__guideClient&&hydrate)return hydrate(el,id)}},\
set:function(f){hydrate=f}});\
function here(){return L.pathname+L.search}var shown=here();\
function entry(){return H.state&&H.state.entry}\
function fresh(){return Math.random().toString(36).slice(2)}\
if(!entry())swap.call(H,{entry:fresh()},'');\
function keep(){var k=entry();if(k&&!moving)at[k]=scrollY}var moving=false;\
addEventListener('scroll',keep,{passive:true});\
function arrived(back){shown=here();moving=false;\
D.querySelectorAll('nav a[href]').forEach(function(a){\
if(a.pathname===L.pathname&&!a.hash&&a.search===L.search)a.setAttribute('aria-current','page');\
else a.removeAttribute('aria-current')});\
var k=entry(),t=L.hash&&D.getElementById(decodeURIComponent(L.hash.slice(1)));\
if(back&&k&&at[k]!=null)scrollTo(0,at[k]);else if(t)t.scrollIntoView();else scrollTo(0,0);\
var m=D.getElementById('main');if(m&&!t)m.focus({preventScroll:true})}\
H.pushState=function(s,t,u){push.call(H,{entry:fresh()},t,u);arrived(false)};\
H.replaceState=function(s,t,u){swap.call(H,s===undefined?H.state:s,t,u);if(popping){popping=false;arrived(true)}};\
addEventListener('popstate',function(e){if(here()===shown)e.stopImmediatePropagation();else{popping=true;moving=true}},true);\
addEventListener('click',function(e){var a=e.target&&e.target.closest&&e.target.closest('a[href]');\
if(!a||e.defaultPrevented||e.button||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||a.target)return;\
if(a.origin!==L.origin||a.hasAttribute('download'))return;\
if(a.pathname!==L.pathname||a.search!==L.search||!a.hash){keep();moving=true;return}\
e.preventDefault();if(L.hash!==a.hash)L.hash=a.hash;\
var t=D.getElementById(decodeURIComponent(a.hash.slice(1)));if(t){t.scrollIntoView();\
if(t.hasAttribute('tabindex'))t.focus({preventScroll:true})}},true)})();";

/// Tells [`NAVIGATION_SCRIPT`] that the client is running, so islands
/// arriving with a new page may hydrate. (`<html data-hydrated>`, which
/// tells tests and CSS that the islands of the first page are live, is set
/// by the server's `hydrate_in_slices.js` once the last one is.)
#[cfg(feature = "hydrate")]
pub fn mark_client_running() {
    let _ = js_sys::Reflect::set(
        &leptos::prelude::window(),
        &"__guideClient".into(),
        &true.into(),
    );
}
