// Copy buttons (generator/render/templates/_macros.md.j2): copy the text of the element a button names and say
// so in the button's status line, which screen readers announce. The clipboard API needs a secure context and
// the reader's permission; where it is refused, a selected hidden textarea and execCommand("copy") still work.
(function () {
  "use strict";

  function copyBySelection(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    area.remove();
    return done;
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (e) {
        // refused (no permission, page not focused): fall back
      }
    }
    return copyBySelection(text);
  }

  function ready() {
    document.querySelectorAll("button[data-copy]").forEach((button) => {
      button.hidden = false;
    });
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".ms-copy__status");
    if (!source || !status) return;
    status.textContent = "";
    const done = await copy(source.textContent.trim());
    // A new text node each time: the same message twice is announced twice.
    status.textContent = done ? "Đã sao chép" : "Không sao chép được: hãy chọn chữ và sao chép bằng tay";
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
