// Copy buttons on the guide's code blocks. The buttons are in the page's
// HTML (built from content/ by crates/guide-content) and shown by CSS only
// where scripts run; one listener on the document serves every page the
// islands router brings in. Runs from <head>, like the menu script.
document.addEventListener('click', function (e) {
  var b = e.target && e.target.closest && e.target.closest('button.copy-code');
  if (!b) return;
  var box = b.parentNode, pre = box.querySelector('pre'), out = box.querySelector('.copy-status');
  function say(text) {
    if (!out) return;
    out.textContent = text;
    clearTimeout(out.t);
    out.t = setTimeout(function () { out.textContent = ''; }, 3000);
  }
  if (!pre || !navigator.clipboard) return say('Select the code to copy it.');
  navigator.clipboard.writeText(pre.textContent).then(
    function () { say('Copied to the clipboard.'); },
    function () { say('Copying was not allowed: select the code to copy it.'); }
  );
});
