/* The GPS position in a JPEG's EXIF: offered to the participant as a suggestion, never applied. */

// Only the start of the file is read: EXIF sits in the first segments of a JPEG.
const HEAD_BYTES = 256 * 1024;

function readGps(view, tiff) {
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (at) => view.getUint16(at, little);
  const u32 = (at) => view.getUint32(at, little);
  const tags = (ifd) => {
    const found = {};
    for (let i = 0; i < u16(ifd); i++) {
      const entry = ifd + 2 + i * 12;
      found[u16(entry)] = entry;
    }
    return found;
  };
  const ifd0 = tags(tiff + u32(tiff + 4));
  if (!ifd0[0x8825]) return null;
  const gps = tags(tiff + u32(ifd0[0x8825] + 8));
  if (!gps[2] || !gps[4]) return null;
  const degrees = (entry) => {
    const at = tiff + u32(entry + 8);
    const part = (i) => u32(at + i * 8) / u32(at + i * 8 + 4);
    return part(0) + part(1) / 60 + part(2) / 3600;
  };
  const ref = (entry) => (entry ? String.fromCharCode(view.getUint8(entry + 8)) : "");
  const lat = degrees(gps[2]) * (ref(gps[1]) === "S" ? -1 : 1);
  const lon = degrees(gps[4]) * (ref(gps[3]) === "W" ? -1 : 1);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

/** {lat, lon} from the photo's EXIF GPS tags, or null. */
export async function exifPosition(file) {
  try {
    const view = new DataView(await file.slice(0, HEAD_BYTES).arrayBuffer());
    if (view.getUint16(0) !== 0xffd8) return null;
    let offset = 2;
    while (offset + 4 < view.byteLength) {
      const marker = view.getUint16(offset);
      const length = view.getUint16(offset + 2);
      if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
        return readGps(view, offset + 10);
      }
      offset += 2 + length;
    }
  } catch (err) {
    /* not a JPEG we can read: no suggestion */
  }
  return null;
}
