/* Before publication: mask the selected words of a note, and drag a rectangle over a photo to
   fill in the blur form. Both only help to fill the forms, which work without this script. */
(function () {
  "use strict";

  const maskButton = document.getElementById("mask-selection");
  if (maskButton) {
    const area = document.getElementById(maskButton.dataset.target);
    maskButton.hidden = false;
    maskButton.addEventListener("click", () => {
      const { selectionStart: start, selectionEnd: end, value } = area;
      if (start === end) {
        area.focus();
        return;
      }
      area.value = value.slice(0, start) + maskButton.dataset.mask + value.slice(end);
      const caret = start + maskButton.dataset.mask.length;
      area.focus();
      area.setSelectionRange(caret, caret);
    });
  }

  document.querySelectorAll(".blur-form").forEach((form) => {
    const picker = form.querySelector(".blur-picker");
    const image = picker.querySelector("img");
    const box = picker.querySelector(".blur-picker__box");
    const fields = {};
    for (const name of ["left", "top", "width", "height"]) {
      fields[name] = form.querySelector(`input[name="${name}"]`);
    }
    picker.hidden = false;
    let origin = null;

    function percent(event) {
      const rect = image.getBoundingClientRect();
      return {
        x: Math.min(100, Math.max(0, ((event.clientX - rect.left) / rect.width) * 100)),
        y: Math.min(100, Math.max(0, ((event.clientY - rect.top) / rect.height) * 100)),
      };
    }

    function show(region) {
      // The box is placed by CSS custom properties: the CSP allows no inline style attribute.
      box.hidden = false;
      box.style.setProperty("--left", region.left + "%");
      box.style.setProperty("--top", region.top + "%");
      box.style.setProperty("--width", region.width + "%");
      box.style.setProperty("--height", region.height + "%");
    }

    function update(event) {
      const point = percent(event);
      const region = {
        left: Math.min(origin.x, point.x),
        top: Math.min(origin.y, point.y),
        width: Math.abs(point.x - origin.x),
        height: Math.abs(point.y - origin.y),
      };
      for (const name in fields) fields[name].value = region[name].toFixed(1);
      show(region);
    }

    picker.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      origin = percent(event);
      picker.setPointerCapture(event.pointerId);
    });
    picker.addEventListener("pointermove", (event) => {
      if (origin) update(event);
    });
    picker.addEventListener("pointerup", (event) => {
      if (!origin) return;
      update(event);
      origin = null;
    });
  });
})();
