/* Review for publication: the rectangles drawn over a photo follow their checkboxes and number
   fields, and a rectangle dragged over the photo fills in the "add a rectangle" fields. Only an
   aid: the checkboxes and number fields are the form, and it works without this script. */

const FIELDS = { x: "x", y: "y", w: "width", h: "height" };

function numberOf(input) {
  const value = parseFloat((input ? input.value : "").replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

function draw(review, rect) {
  const prefix = rect.dataset.rect;
  const values = {};
  for (const name of Object.keys(FIELDS)) {
    values[name] = numberOf(review.querySelector(`[name="${prefix}-${name}"]`));
  }
  const complete = Object.values(values).every((value) => value !== null);
  for (const [name, attribute] of Object.entries(FIELDS)) {
    rect.setAttribute(attribute, complete ? values[name] : 0);
  }
  const use = review.querySelector(`[name="${prefix}-use"]`);
  rect.classList.toggle("is-off", use !== null && !use.checked);
}

function percentOf(image, event) {
  const box = image.getBoundingClientRect();
  const clamp = (value) => Math.min(100, Math.max(0, value));
  return {
    x: clamp(((event.clientX - box.left) / box.width) * 100),
    y: clamp(((event.clientY - box.top) / box.height) * 100),
  };
}

for (const review of document.querySelectorAll(".photo-review")) {
  const rects = [...review.querySelectorAll("rect[data-rect]")];
  const redraw = (event) => {
    for (const rect of rects) {
      if (event.target.name && event.target.name.startsWith(`${rect.dataset.rect}-`)) {
        draw(review, rect);
      }
    }
  };
  review.addEventListener("input", redraw);
  review.addEventListener("change", redraw);
  rects.forEach((rect) => draw(review, rect));

  const picture = review.querySelector(".photo-review__picture");
  const image = picture.querySelector("img");
  const prefix = review.dataset.new;
  const added = rects.find((rect) => rect.dataset.rect === prefix);
  let origin = null;

  function update(event) {
    const point = percentOf(image, event);
    const region = {
      x: Math.min(origin.x, point.x),
      y: Math.min(origin.y, point.y),
      w: Math.abs(point.x - origin.x),
      h: Math.abs(point.y - origin.y),
    };
    for (const name of Object.keys(FIELDS)) {
      review.querySelector(`[name="${prefix}-${name}"]`).value = region[name].toFixed(1);
    }
    draw(review, added);
  }

  picture.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    origin = percentOf(image, event);
    picture.setPointerCapture(event.pointerId);
  });
  picture.addEventListener("pointermove", (event) => {
    if (origin) update(event);
  });
  picture.addEventListener("pointerup", (event) => {
    if (!origin) return;
    update(event);
    origin = null;
  });
}
