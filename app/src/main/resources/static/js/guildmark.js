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
  // "Copy" buttons that copy HTML as rich text (an e-mail signature pastes as a picture and a link), or as text where
  // the browser cannot.
  document.querySelectorAll("[data-copy-html]").forEach((button) => {
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.copyHtml);
      if (!target || !navigator.clipboard) return;
      const html = target.value || target.textContent;
      const done = () => { button.textContent = "Copied"; };
      if (window.ClipboardItem && navigator.clipboard.write) {
        const item = new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([html], { type: "text/plain" }),
        });
        navigator.clipboard.write([item]).then(done, () => navigator.clipboard.writeText(html).then(done));
      } else {
        navigator.clipboard.writeText(html).then(done);
      }
    });
  });
});
