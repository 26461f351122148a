// Filter box for long checkbox lists (core/widgets/grouped_checkboxes.html).
// Without this script the list works as it is: groups open and close, choices stay.
(function () {
  "use strict";

  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/^'s[- ]/, "")
      .trim();
  }

  function setUp(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    var filter = picker.querySelector("[data-picker-filter]");
    var input = filter.querySelector("input");
    var found = filter.querySelector(".picker__found");
    var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-picker-group]"));
    filter.hidden = false;
    input.addEventListener("input", function () {
      var wanted = normalise(input.value);
      var total = 0;
      groups.forEach(function (group) {
        var matches = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var label = normalise(item.querySelector("label").textContent);
          var shown = !wanted || label.indexOf(wanted) !== -1;
          item.hidden = !shown;
          if (shown) matches += 1;
        });
        group.hidden = matches === 0;
        if (wanted) group.open = matches > 0;
        total += matches;
      });
      found.textContent = wanted ? total + " gevonden" : "";
    });
    input.addEventListener("keydown", function (event) {
      // Enter in the filter box must not submit the form
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:afterSettle", setUpAll);
})();
