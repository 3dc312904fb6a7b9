/* Categories used recently on this walk come first, kept on this phone; the rest stay in their groups. */

const KEEP = 6;
const storageKey = (walkId) => "walkapp-recent-categories-" + walkId;

/** The codes chosen on this walk on this phone, the latest first. */
export function recentCategories(walkId) {
  try {
    const list = JSON.parse(localStorage.getItem(storageKey(walkId)) || "[]");
    return Array.isArray(list) ? list.filter((code) => typeof code === "string") : [];
  } catch (err) {
    return []; // storage blocked or damaged: plain groups
  }
}

export function rememberCategory(walkId, code) {
  const list = [code, ...recentCategories(walkId).filter((c) => c !== code)].slice(0, KEEP);
  try {
    localStorage.setItem(storageKey(walkId), JSON.stringify(list));
  } catch (err) {
    /* private mode with no storage: the order just stays as it is */
  }
}

/**
 * Returns order(codes): moves those tiles into the "used recently" group, the others back home.
 * Tiles are moved, not copied, so that each category stays one radio button with one label.
 */
export function categoryOrderer(form) {
  const recentBox = form.querySelector("#recent-categories");
  const recentTiles = recentBox.querySelector(".tiles");
  const homes = Array.from(form.querySelectorAll(".tile"), (tile) => ({
    tile,
    home: tile.parentElement,
    code: tile.querySelector("input").value,
  }));
  const byCode = new Map(homes.map((h) => [h.code, h.tile]));
  return function order(codes) {
    for (const { tile, home } of homes) home.append(tile); // document order is the server's order
    const recent = codes.map((code) => byCode.get(code)).filter(Boolean);
    recentTiles.append(...recent);
    recentBox.hidden = recent.length === 0;
    for (const group of form.querySelectorAll(".category-group")) {
      if (group !== recentBox) group.hidden = !group.querySelector(".tile");
    }
  };
}
