// Runs in <head> before anything paints: applies the theme the reader
// picked (stored by the theme button, `storage::theme_choice`) as
// <html data-theme>. Storage may be unavailable (private modes, blocked
// cookies): then the system setting applies, as if nothing were stored.
try {
  var theme = localStorage.getItem('backend-guide:theme');
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.dataset.theme = theme;
  }
} catch (e) {
  // No storage: nothing to apply.
}
