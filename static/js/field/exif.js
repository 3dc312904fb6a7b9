/* The GPS position in a photo's EXIF, read by exifr (static/vendor/exifr): offered to the
   participant as a suggestion, never applied. exifr is loaded the first time a photo is chosen
   (or the form opens), so the page's first visit does not carry it. */

let library = null;

/** Starts loading exifr from `url` (the page's config): the form calls it when it opens. */
export function loadExif(url) {
  if (!library && url) {
    library = import(url).catch(() => {
      library = null; // offline before it was ever loaded: no suggestion this time, a try next time
      return null;
    });
  }
  return library || Promise.resolve(null);
}

/** {lat, lon} from the photo's EXIF GPS tags, or null. */
export async function exifPosition(file, url) {
  try {
    const exifr = await loadExif(url);
    const found = exifr && (await exifr.gps(file));
    if (!found) return null;
    const lat = found.latitude;
    const lon = found.longitude;
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      return { lat, lon };
    }
  } catch (err) {
    /* not a photo exifr can read: no suggestion */
  }
  return null;
}
