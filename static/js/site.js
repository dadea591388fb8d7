/* Progressive enhancement only: without this script the menu is simply always shown. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu) {
    return;
  }
  toggle.hidden = false;

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();

/* A print button where a page offers one: shown only when the script can print. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (holder) {
    holder.hidden = false;
    holder.querySelector("button").addEventListener("click", function () {
      window.print();
    });
  });
})();

/* A copy button beside a read-only address: shown only when the script can copy. */
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy]").forEach(function (holder) {
    var input = document.getElementById(holder.getAttribute("data-copy"));
    var status = holder.querySelector("[role=status]");
    if (!input || !status) {
      return;
    }
    holder.hidden = false;
    holder.querySelector("button").addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          status.textContent = holder.getAttribute("data-copied");
        },
        function () {
          // Not allowed to write to the clipboard: select the address so it can be copied by hand.
          input.focus();
          input.select();
        }
      );
    });
  });
})();
