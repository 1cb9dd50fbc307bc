// TaskTracker's page behaviour: the theme toggle, the keyboard shortcuts, a task's
// detail pane (focus in, Esc out, back to the row), rows answered in place, the manual
// order (drag a row or a subtask, or Alt+arrow) and a row's menu. Loaded as a file (the
// Content-Security-Policy allows no inline script); htmx swaps pages in place, so
// everything here is bound once, on the document.
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = localStorage.getItem("theme");
  if (stored === "light" || stored === "dark") {
    root.dataset.theme = stored;
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

  // The position of the row selected when `x` was pressed: after the view comes back
  // without it (or with it reopened), the row now at that position is selected.
  var selectAfterSwap = -1;

  function pane() {
    var open = document.getElementById("task-pane");
    return open && !open.hidden ? open : null;
  }

  function rowOf(id) {
    return document.querySelector(".task[data-task-id='" + id + "']");
  }

  // Below 1000 px the open pane covers the list (app.css): what is behind it is not for
  // the keys.
  function paneCoversList() {
    return pane() !== null && window.matchMedia("(max-width: 999.98px)").matches;
  }

  // The open task's row is the selected one, marked as open.
  function markOpen(id) {
    tasks().forEach(function (task) {
      task.classList.toggle("open", task.dataset.taskId === id);
      task.classList.toggle("selected", task.dataset.taskId === id);
    });
  }

  // The task whose details were closed: once the view is back, its row gets the focus.
  var focusAfterClose = null;

  // Closes the task's details by following their Back link to the view: htmx swaps the
  // view in and keeps the browser's history right (Back opens the details again).
  function closePane() {
    var open = pane();
    var link = open ? open.querySelector("[data-pane-close]") : null;
    if (!link) {
      return false;
    }
    focusAfterClose = open.dataset.paneTask;
    link.click();
    return true;
  }

  function firstField(container) {
    return container.querySelector("input:not([type=hidden]), textarea, select");
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var open = pane();
    if (open && target && target.id === "task-pane") {
      markOpen(open.dataset.paneTask);
      var config = event.detail.requestConfig;
      var source = config ? config.elt : null;
      if (source && source.matches && source.matches("[data-open], [data-edit]")) {
        // Opened from a row: typing starts in its title. A refused save keeps the
        // focus where it was (htmx puts it back on the same element).
        firstField(open).focus();
      }
      else if (source && source.matches && source.matches("[data-pane-link]")) {
        // A subtask's or a parent's pane: the focus on the pane, which names its task.
        open.focus();
      }
    }
    else if (target === document.body && focusAfterClose !== null) {
      var row = rowOf(focusAfterClose);
      focusAfterClose = null;
      if (row) {
        select(tasks().indexOf(row));
      }
    }
    else if (target === document.body && selectAfterSwap >= 0) {
      // The view is back (or a refusal is): once, whatever it holds.
      select(selectAfterSwap);
      selectAfterSwap = -1;
    }
  });

  // The help dialog: see "Help dialog" near the end of this file.
  function help(open) {
    helpDialog(open);
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
      setTheme(nextTheme(themeState()));
    }
    else if (event.target.closest("[data-pane-close]")) {
      focusAfterClose = pane() ? pane().dataset.paneTask : null;
    }
    else if (event.target.closest("[data-help-close]")) {
      help(false);
    }
    else if (event.target.closest(".subtask-moves button")) {
      movedByKey = event.target.closest("li").dataset.subtaskId;
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
      var dialog = document.getElementById("help");
      if (dialog && dialog.open) {
        help(false);
        event.preventDefault();
        return;
      }
      if (closePane()) {
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
      case "k":
        if (paneCoversList()) {
          // The list is hidden behind the task's details: its selection stays.
          return;
        }
        select(event.key === "j" ? selectedIndex() + 1 : (selectedIndex() < 0 ? 0 : selectedIndex() - 1));
        break;
      case "x":
        var selected = document.querySelector(".task.selected [data-complete]");
        if (selected) {
          selectAfterSwap = selectedIndex();
          selected.click();
        }
        break;
      case "e":
      case "Enter":
        if (event.key === "Enter" && !event.target.matches("li.task")) {
          // Enter on a link or a button does what it says.
          return;
        }
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

  // ---- Help dialog (issue 32) ----

  // The help is a <dialog> opened with showModal(): the page behind is inert and dimmed
  // (its ::backdrop), Tab stays on the dialog's buttons, Esc and a click on the backdrop
  // close it, and the focus goes back to where it was.
  var focusBeforeHelp = null;

  function helpDialog(open) {
    var dialog = document.getElementById("help");
    if (!dialog || typeof dialog.showModal !== "function") {
      return;
    }
    if (open && !dialog.open) {
      focusBeforeHelp = document.activeElement;
      dialog.showModal();
      dialog.querySelector("button").focus();
    }
    else if (!open && dialog.open) {
      dialog.close();
    }
  }

  // "close" does not bubble: caught on its way down. Whatever closed the dialog (Esc,
  // the button, the backdrop), the focus returns.
  document.addEventListener("close", function (event) {
    if (event.target.id === "help" && focusBeforeHelp && document.contains(focusBeforeHelp)) {
      focusBeforeHelp.focus();
    }
    focusBeforeHelp = null;
  }, true);

  document.addEventListener("click", function (event) {
    var dialog = event.target;
    if (dialog.id === "help" && dialog.open) {
      // A click on the backdrop reaches the dialog itself, outside its box.
      var box = dialog.getBoundingClientRect();
      if (event.clientX < box.left || event.clientX > box.right || event.clientY < box.top
          || event.clientY > box.bottom) {
        dialog.close();
      }
    }
  });

  // While the help is open, the page's own keys (j, k, x, e, q, /) are not for the page
  // behind it: only Tab (kept inside) and Esc (closes) act.
  window.addEventListener("keydown", function (event) {
    var dialog = document.getElementById("help");
    if (!dialog || !dialog.open) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
    else if (event.key === "Tab") {
      var focusable = Array.prototype.slice.call(dialog.querySelectorAll("button, a[href], input, select, textarea"));
      var at = focusable.indexOf(document.activeElement);
      var next = (at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
      event.preventDefault();
      focusable[next].focus();
    }
    event.stopPropagation();
  }, true);

  // ---- Theme toggle (issue 32) ----

  // The theme: "auto" (no data-theme: the system's choice), "light" or "dark", kept in
  // localStorage. The toggle says which is on and moves on in the order that changes the
  // look at the first click: from Auto to the theme the system does not show, then to
  // the other, then back to Auto.
  var THEME_NAMES = { auto: "Auto (system)", light: "Light", dark: "Dark" };

  function systemDark() {
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function themeState() {
    var theme = root.dataset.theme;
    return (theme === "light" || theme === "dark") ? theme : "auto";
  }

  function nextTheme(state) {
    var opposite = systemDark() ? "light" : "dark";
    if (state === "auto") {
      return opposite;
    }
    return (state === opposite) ? (systemDark() ? "dark" : "light") : "auto";
  }

  function setTheme(state) {
    if (state === "auto") {
      delete root.dataset.theme;
      localStorage.removeItem("theme");
    }
    else {
      root.dataset.theme = state;
      localStorage.setItem("theme", state);
    }
    showTheme();
  }

  function showTheme() {
    var state = themeState();
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      button.dataset.themeState = state;
      var name = button.querySelector(".theme-name");
      if (name) {
        name.textContent = THEME_NAMES[state];
      }
      button.title = "Theme: " + THEME_NAMES[state] + ". Next: " + THEME_NAMES[nextTheme(state)] + ".";
    });
  }
  document.addEventListener("DOMContentLoaded", showTheme);
  document.addEventListener("htmx:afterSettle", showTheme);
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showTheme);

  // ---- Rows and pane parts answered in place, the manual order (issue 33) ----

  // A request from the pane says whether the list beside it shows the pane's task, so
  // that the answer brings that row up to date too (its "1/2" after a tick), and never
  // names a row that is not there (htmx would log an error for it).
  document.addEventListener("htmx:configRequest", function (event) {
    var open = pane();
    var source = event.detail.elt;
    if (open && source && open.contains(source) && rowOf(open.dataset.paneTask)) {
      event.detail.headers["X-Pane-Row-Shown"] = "true";
    }
  });

  // A row answered in place (a recurring task completed, its undo) comes back without
  // the page's marks: it keeps its selection and the focus, and takes the focus after
  // an undo from the message, whose button is gone.
  var rowState = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.matches && target.matches("li.task")) {
      var source = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
      rowState = {
        id: target.dataset.taskId,
        selected: target.classList.contains("selected"),
        focus: target.contains(document.activeElement) || !!(source && source.closest && source.closest("#notice"))
      };
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var settled = event.target;
    if (!(settled instanceof Element)) {
      return;
    }
    var open = pane();
    if (settled.matches("li.task")) {
      if (open && open.dataset.paneTask === settled.dataset.taskId) {
        settled.classList.add("open", "selected");
        var target = event.detail.target;
        if (target && target.matches && target.matches("li.task")) {
          // Completed from its row while its details are open: they show the new due,
          // so that a Save does not write the old one back.
          htmx.ajax("GET", "/app/tasks/" + settled.dataset.taskId + "?back=" + encodeURIComponent(open.dataset.back),
            { target: "#task-pane", swap: "outerHTML" });
        }
      }
      if (selectAfterSwap >= 0) {
        // `x` on a recurring task: its row stays where it was, and stays selected.
        select(selectAfterSwap);
        selectAfterSwap = -1;
      }
      else if (rowState && rowState.id === settled.dataset.taskId) {
        if (rowState.selected || rowState.focus) {
          select(tasks().indexOf(settled));
        }
      }
      rowState = null;
    }
    else if (settled.matches("#pane-subtasks")) {
      var movedSubtask = movedByKey !== null ? document.getElementById("subtask-link-" + movedByKey) : null;
      movedByKey = null;
      if (movedSubtask && !settled.contains(document.activeElement)) {
        // Moved by its own button, which is gone at the end of the list.
        movedSubtask.focus();
      }
    }
    else if (settled.matches("ul[data-reorder]")) {
      if (open) {
        var shown = rowOf(open.dataset.paneTask);
        if (shown) {
          shown.classList.add("open");
        }
      }
      var moved = movedByKey !== null ? rowOf(movedByKey) : null;
      movedByKey = null;
      if (moved) {
        select(tasks().indexOf(moved));
      }
    }
  });

  // ---- Manual order: drag a row, or Alt+ArrowUp / Alt+ArrowDown on it ----

  // A project's list and the Inbox's (ul[data-reorder], which holds the view's address)
  // are in manual order, and so are a task's subtasks in its pane (whose list names, in
  // data-reorder-target, the section its answer replaces, and whose rows their own
  // move's address). The row moves at once; the server is told where it now is (right
  // after the row above it, or first), and answers the list as stored, with the row's
  // place in words for a live region. Moves are sent one after the other; while more are
  // waiting, an answer is not shown, so the rows do not jump back and forth.
  var movesWaiting = 0;
  var moves = Promise.resolve();
  var movedByKey = null;
  var REORDERED = "ul[data-reorder] > li";

  function rowKey(row) {
    return row.dataset.taskId || row.dataset.subtaskId;
  }

  function makeDraggable() {
    document.querySelectorAll(REORDERED).forEach(function (row) {
      row.draggable = true;
    });
  }
  document.addEventListener("DOMContentLoaded", makeDraggable);
  document.addEventListener("htmx:afterSettle", makeDraggable);

  function sendMove(row) {
    var list = row.parentElement;
    var above = row.previousElementSibling;
    var token = document.querySelector("input[name=_csrf]");
    var values = {
      after: above ? rowKey(above) : "",
      back: list.dataset.reorder,
      _csrf: token ? token.value : ""
    };
    var path = row.dataset.movePath || "/app/tasks/" + row.dataset.taskId + "/move";
    var answered = list.dataset.reorderTarget || "ul.tasks[data-reorder]";
    movesWaiting++;
    moves = moves.then(function () {
      var current = document.querySelector(answered);
      if (!current) {
        return null;
      }
      return htmx.ajax("POST", path, { source: current, target: current, swap: "outerHTML", values: values });
    }).catch(function () {
      return null;
    }).then(function () {
      movesWaiting--;
    });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    if (config && /\/move$/.test(config.path) && movesWaiting > 1) {
      // Another move follows: its answer will show the list.
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
      return;
    }
    var row = event.target.closest && event.target.closest(REORDERED);
    if (!row) {
      return;
    }
    event.preventDefault();
    if (row.matches("li.task")) {
      // The row itself holds the focus, by its id, across the answer's swap; in a
      // subtask, the control that has it does (each has an id).
      select(tasks().indexOf(row));
    }
    var list = row.parentElement;
    if (event.key === "ArrowUp" && row.previousElementSibling) {
      // The neighbour moves, not the row, so that the focus stays on it.
      list.insertBefore(row.previousElementSibling, row.nextElementSibling);
    }
    else if (event.key === "ArrowDown" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    else {
      return;
    }
    movedByKey = rowKey(row);
    sendMove(row);
  });

  var dragged = null;
  var draggedFrom = null;
  var dropped = false;

  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest(REORDERED);
    if (!row) {
      return;
    }
    dragged = row;
    draggedFrom = row.nextElementSibling;
    dropped = false;
    row.classList.add("dragging");
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.querySelector(".title, .subtask-title").textContent);
    }
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) {
      return;
    }
    var row = event.target.closest && event.target.closest("li");
    while (row && row.parentElement !== dragged.parentElement) {
      row = row.parentElement.closest("li");
    }
    if (!row) {
      return;
    }
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = "move";
    }
    if (row !== dragged) {
      var box = row.getBoundingClientRect();
      var below = event.clientY > box.top + box.height / 2;
      row.parentElement.insertBefore(dragged, below ? row.nextElementSibling : row);
    }
  });

  document.addEventListener("drop", function (event) {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    dropped = true;
    if (dragged.nextElementSibling !== draggedFrom) {
      sendMove(dragged);
    }
  });

  document.addEventListener("dragend", function () {
    if (!dragged) {
      return;
    }
    if (!dropped && dragged.nextElementSibling !== draggedFrom) {
      // Dropped outside the list, or Esc: back where it was.
      dragged.parentElement.insertBefore(dragged, draggedFrom);
    }
    dragged.classList.remove("dragging");
    dragged = null;
  });

  // ---- A row's menu of more actions (issue 32) ----

  // The row's "more actions" link (a link to the task's page without script) becomes a
  // menu button: Enter, Space, ArrowDown or a click opens a copy of the page's
  // <template id="row-menu"> inside the row, with the focus on its first item; the arrows,
  // Home and End move among the items, Enter or Space acts, and Esc (or Tab, or a click
  // elsewhere) closes it, the focus back on the button after Esc. An item posts to the
  // row's own route and the answer swaps the row (or takes it away, when it left the
  // list); Delete is the row's own Delete button, with its undo.
  var MENU_BUTTON = "[data-row-menu]";
  var openMenu = null;

  function makeMenuButtons() {
    document.querySelectorAll(MENU_BUTTON + ":not([role])").forEach(function (button) {
      button.setAttribute("role", "button");
      button.setAttribute("aria-haspopup", "menu");
      button.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("DOMContentLoaded", makeMenuButtons);
  document.addEventListener("htmx:afterSettle", makeMenuButtons);

  function menuItems(menu) {
    return Array.prototype.slice.call(menu.querySelectorAll("[role^=menuitem]"));
  }

  function showMenu(button, last) {
    var template = document.getElementById("row-menu");
    if (!template) {
      return false;
    }
    closeMenu(false);
    var menu = template.content.firstElementChild.cloneNode(true);
    menu.id = "row-menu-open";
    menu.setAttribute("aria-label", button.getAttribute("aria-label"));
    menuItems(menu).forEach(function (item) {
      var action = item.dataset.menuAction;
      if (action === "priority" || action === "project") {
        item.setAttribute("aria-checked", String(item.dataset.value === button.dataset[action]));
      }
    });
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", menu.id);
    button.after(menu);
    openMenu = { menu: menu, button: button };
    var items = menuItems(menu);
    items[last ? items.length - 1 : 0].focus();
    return true;
  }

  function closeMenu(focusButton) {
    if (!openMenu) {
      return;
    }
    var closing = openMenu;
    openMenu = null;
    closing.menu.remove();
    closing.button.setAttribute("aria-expanded", "false");
    closing.button.removeAttribute("aria-controls");
    if (focusButton && document.contains(closing.button)) {
      closing.button.focus();
    }
  }

  function act(item) {
    var row = openMenu.button.closest("li.task");
    var action = item.dataset.menuAction;
    var index = tasks().indexOf(row);
    closeMenu(false);
    // The row has the focus while its answer comes, so that it keeps it after the swap.
    select(index);
    if (action === "delete") {
      row.querySelector("[data-delete]").click();
      return;
    }
    var token = document.querySelector("input[name=_csrf]");
    var values = { back: row.querySelector("input[name=back]").value, _csrf: token ? token.value : "" };
    values[action] = item.dataset.value;
    var id = row.dataset.taskId;
    htmx.ajax("POST", "/app/tasks/" + id + "/row/" + action, { source: row, target: row, swap: "outerHTML", values: values })
      .then(function () {
        if (!rowOf(id)) {
          // It left the list: the row now at its place is selected.
          select(index);
        }
      });
  }

  // Caught on the way down, before htmx's own handling of the link.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(MENU_BUTTON);
    if (button && document.getElementById("row-menu")) {
      event.preventDefault();
      event.stopPropagation();
      if (openMenu && openMenu.button === button) {
        closeMenu(true);
      }
      else {
        showMenu(button, false);
      }
      return;
    }
    var item = event.target.closest && event.target.closest("#row-menu-open [role^=menuitem]");
    if (item) {
      event.preventDefault();
      event.stopPropagation();
      act(item);
    }
    else if (openMenu && !openMenu.menu.contains(event.target)) {
      closeMenu(false);
    }
  }, true);

  // The menu's keys, before the page's own (j, k, x, e, Alt+arrows), which do not reach
  // the rows while it is open.
  window.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(MENU_BUTTON);
    if (button && !openMenu && (event.key === " " || event.key === "Enter" || event.key === "ArrowDown"
        || event.key === "ArrowUp")) {
      if (showMenu(button, event.key === "ArrowUp")) {
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    if (!openMenu || !openMenu.menu.contains(event.target)) {
      return;
    }
    var items = menuItems(openMenu.menu);
    var at = items.indexOf(document.activeElement);
    switch (event.key) {
      case "ArrowDown":
        items[(at + 1) % items.length].focus();
        break;
      case "ArrowUp":
        items[(at - 1 + items.length) % items.length].focus();
        break;
      case "Home":
        items[0].focus();
        break;
      case "End":
        items[items.length - 1].focus();
        break;
      case "Escape":
        closeMenu(true);
        break;
      case "Tab":
        closeMenu(false);
        event.stopPropagation();
        return;
      case "Enter":
      case " ":
        if (at >= 0) {
          act(items[at]);
        }
        break;
      default:
        // A letter moves to the next item that starts with it.
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          var next = items.slice(at + 1).concat(items.slice(0, at + 1)).find(function (item) {
            return item.textContent.trim().toLowerCase().startsWith(event.key.toLowerCase());
          });
          if (next) {
            next.focus();
          }
        }
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);

  // A row swapped or taken away with its menu open (a page changed under it): the menu
  // went with it.
  document.addEventListener("htmx:afterSwap", function () {
    if (openMenu && !document.contains(openMenu.menu)) {
      openMenu = null;
    }
  });
})();
