// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // htmx requests carry the CSRF token of the page.
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    document.body.addEventListener("htmx:configRequest", (e) => { e.detail.headers[header.content] = token.content; });
  }
  // "Copy" buttons next to secrets and links.
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.copy);
      if (target && navigator.clipboard) {
        navigator.clipboard.writeText(target.value || target.textContent).then(() => { button.textContent = "Copied"; });
      }
    });
  });
});
