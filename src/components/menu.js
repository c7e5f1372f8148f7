// The phone menu, run from <head> rather than by the WASM client, so that it
// works from the first paint, before hydration, and when the WASM never
// arrives. The button opens and closes the site links; following one of
// them, or pressing Escape, closes them again. Events are caught on the
// document, so nothing needs to exist yet, and hydration leaves what this
// changes (aria-expanded, the `open` class) alone.
document.addEventListener('click', function (e) {
  var target = e.target;
  if (!target || !target.closest) return;
  var button = document.querySelector('.menu-button');
  var links = document.getElementById('site-links');
  if (!button || !links) return;
  if (target.closest('.menu-button')) {
    var open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    links.classList.toggle('open', open);
  } else if (target.closest('#site-links a')) {
    button.setAttribute('aria-expanded', 'false');
    links.classList.remove('open');
  }
});

document.addEventListener('keydown', function (e) {
  var button = document.querySelector('.menu-button');
  if (e.key === 'Escape' && button && button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    document.getElementById('site-links').classList.remove('open');
    button.focus();
  }
});
