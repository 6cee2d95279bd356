/* "Add row" for the repeated rows of the procedure and announcement forms.
   Without JavaScript the forms still offer empty rows; this only adds more, by cloning the last row and
   renumbering its fields (items-4-action → items-5-action), as WTForms FieldList expects. */
(function () {
  "use strict";
  var INDEX = /^(.*?-)(\d+)(-.*)$/;

  function renumber(el, next) {
    ["name", "id", "for"].forEach(function (attr) {
      var value = el.getAttribute(attr);
      if (!value) return;
      var m = INDEX.exec(value);
      if (m) el.setAttribute(attr, m[1] + next + m[3]);
    });
  }

  function addRow(table) {
    var rows = table.querySelectorAll("tbody tr[data-row]");
    if (!rows.length) return null;
    var last = rows[rows.length - 1];
    var clone = last.cloneNode(true);
    var next = rows.length;
    var named = last.querySelector("[name]");
    var m = named && INDEX.exec(named.getAttribute("name"));
    if (m) next = parseInt(m[2], 10) + 1;
    clone.classList.remove("row-error");
    clone.querySelectorAll(".error").forEach(function (e) { e.remove(); });
    clone.querySelectorAll("input, select, textarea, label").forEach(function (el) {
      renumber(el, next);
      if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      else if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
      else if (el.tagName !== "LABEL") { el.value = ""; }
    });
    last.parentNode.appendChild(clone);
    var first = clone.querySelector("input, select, textarea");
    if (first) first.focus();
    return clone;
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var table = document.getElementById(button.getAttribute("data-add-row"));
    if (!table) return;
    button.hidden = false;
    button.addEventListener("click", function () { addRow(table); });
  });
})();
