// The countdown of a timed assessment attempt. The server keeps the real time and refuses late answers; this only
// shows what is left, announces the last minutes to screen readers, and submits the answers when time is up.
document.addEventListener("DOMContentLoaded", () => {
  const timer = document.getElementById("timer");
  const shown = document.getElementById("time-left");
  const announcement = document.getElementById("time-announcement");
  const form = document.getElementById("attempt-form");
  if (!timer || !shown || !form) return;
  // Counted from the seconds the server gave, not from this device's clock, which may be wrong.
  const end = performance.now() + Number(timer.dataset.secondsLeft) * 1000;
  const announceAt = new Set([600, 300, 60]);
  let submitted = false;
  form.addEventListener("submit", () => { submitted = true; });

  const format = (seconds) => {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
    return (h > 0 ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  };

  const tick = () => {
    const left = Math.max(0, Math.round((end - performance.now()) / 1000));
    shown.textContent = format(left);
    if (announcement && announceAt.has(left)) {
      announceAt.delete(left);
      announcement.textContent = (left / 60) + (left === 60 ? " minute" : " minutes") + " left.";
    }
    if (left <= 60) timer.classList.add("ending");
    if (left === 0) {
      clearInterval(interval);
      shown.textContent = "Time is up";
      if (announcement) announcement.textContent = "Time is up. Your answers are being submitted.";
      if (!submitted) {
        submitted = true;
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
});
