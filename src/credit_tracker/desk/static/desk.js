// The desk's one script: progressive enhancement only; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name="finding"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
  document.querySelectorAll("select.cell").forEach(function (cell) {
    cell.addEventListener("change", function () {
      cell.classList.toggle("held", cell.value !== "");
      // ticking a role records the author's roles: the row's "roles are" follows
      var state = cell.closest("tr").querySelector('select[name^="state-"]');
      if (state && cell.value !== "") { state.value = "recorded"; }
    });
  });
});
