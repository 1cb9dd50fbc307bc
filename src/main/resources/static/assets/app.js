// TaskTracker's page behaviour: the theme toggle, the keyboard shortcuts and the row's
// edit form (focus in, Esc out). Loaded as a file (the Content-Security-Policy allows no
// inline script); htmx swaps pages in place, so everything here is bound once, on the
// document.
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = localStorage.getItem("theme");
  if (stored === "light" || stored === "dark") {
    root.dataset.theme = stored;
  }

  function dark() {
    return root.dataset.theme ? root.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function tasks() {
    return Array.prototype.slice.call(document.querySelectorAll(".task"));
  }

  function select(index) {
    var all = tasks();
    if (all.length === 0) {
      return;
    }
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (task) { task.classList.remove("selected"); });
    all[index].classList.add("selected");
    all[index].focus();
  }

  function selectedIndex() {
    return tasks().findIndex(function (task) { return task.classList.contains("selected"); });
  }

  // A task's row, as it was before its edit form replaced it: Esc puts it back.
  var rowsBeforeEdit = new WeakMap();

  // The position of the row selected when `x` was pressed: after the view comes back
  // without it (or with it reopened), the row now at that position is selected.
  var selectAfterSwap = -1;

  function closeEdit(row) {
    var before = rowsBeforeEdit.get(row);
    if (before === undefined) {
      return false;
    }
    rowsBeforeEdit.delete(row);
    row.innerHTML = before;
    htmx.process(row);
    select(tasks().indexOf(row));
    return true;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target.matches && target.matches("li.task") && !rowsBeforeEdit.has(target)) {
      rowsBeforeEdit.set(target, target.innerHTML);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target.matches && target.matches("li.task")) {
      // The edit form is in the row: typing starts in its first field.
      var first = target.querySelector(".task-edit input:not([type=hidden]), .task-edit textarea, .task-edit select");
      if (first) {
        target.classList.add("selected");
        first.focus();
      }
    }
    else if (target === document.body && selectAfterSwap >= 0) {
      // The view is back (or a refusal is): once, whatever it holds.
      select(selectAfterSwap);
      selectAfterSwap = -1;
    }
  });

  function help(open) {
    var dialog = document.getElementById("help");
    if (dialog) {
      dialog.hidden = !open;
      if (open) {
        dialog.querySelector("button").focus();
      }
    }
  }

  // On a phone the sidebar's projects, labels and settings start folded, so that the
  // tasks are on the first screen.
  function foldSidebar() {
    var more = document.querySelector("[data-more]");
    if (more && window.matchMedia("(max-width: 45rem)").matches) {
      more.open = false;
    }
  }
  document.addEventListener("DOMContentLoaded", foldSidebar);
  document.addEventListener("htmx:afterSettle", foldSidebar);

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-theme-toggle]")) {
      var next = dark() ? "light" : "dark";
      root.dataset.theme = next;
      localStorage.setItem("theme", next);
    }
    else if (event.target.closest("[data-help-close]")) {
      help(false);
    }
    else if (event.target.closest("[data-copy]")) {
      var source = document.getElementById(event.target.closest("[data-copy]").dataset.copy);
      source.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(source.value);
      }
      event.target.textContent = "Copied";
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      help(false);
      var editing = event.target.closest("li.task");
      if (editing && editing.querySelector(".task-edit") && closeEdit(editing)) {
        event.preventDefault();
        return;
      }
      if (typing) {
        event.target.blur();
      }
      return;
    }
    if (typing) {
      return;
    }
    var field;
    switch (event.key) {
      case "q":
        field = document.getElementById("quick-add-field");
        break;
      case "/":
        field = document.getElementById("search-field");
        break;
      case "j":
        select(selectedIndex() + 1);
        break;
      case "k":
        select(selectedIndex() < 0 ? 0 : selectedIndex() - 1);
        break;
      case "x":
        var selected = document.querySelector(".task.selected [data-complete]");
        if (selected) {
          selectAfterSwap = selectedIndex();
          selected.click();
        }
        break;
      case "e":
        var edit = document.querySelector(".task.selected [data-edit]");
        if (edit) {
          edit.click();
        }
        break;
      case "?":
        help(true);
        break;
      default:
        return;
    }
    if (field) {
      field.focus();
    }
    event.preventDefault();
  });
})();
