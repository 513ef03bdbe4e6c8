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
  // A visible countdown on timed assessments; the server enforces the limit whatever this shows.
  document.querySelectorAll("[data-deadline]").forEach((box) => {
    const deadline = Date.parse(box.dataset.deadline);
    const out = box.querySelector(".countdown");
    if (!out || isNaN(deadline)) return;
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      out.textContent = left > 0 ? Math.floor(left / 60) + " min " + (left % 60) + " s left." : "Time is up.";
      if (left > 0) setTimeout(tick, 1000);
    };
    tick();
  });
});
