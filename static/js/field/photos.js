/* Photos on the phone: counted against the server's limit, shrunk, and hashed for an idempotent upload. */

async function shrink(file, maxSide) {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
  } catch (err) {
    return file; // a format the phone cannot decode (HEIC in Chromium): the server can
  }
}

async function sha256(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every file chosen in these inputs, in order. */
export function chosenFiles(inputs) {
  return inputs.flatMap((input) => Array.from(input.files));
}

/** The sentence under the photo button; the server made one per count, in each language's plural. */
export function countSentence(messages, count, max) {
  if (count > max) return messages.tooManyPhotos;
  return count > 0 ? messages.photosChosen[count - 1] : "";
}

/** The outbox's photo entries for the first `max` files, shrunk to `maxSide` pixels. */
export async function preparePhotos(files, max, maxSide) {
  const photos = [];
  for (const file of files.slice(0, max)) {
    const blob = await shrink(file, maxSide);
    photos.push({ blob, sha256: await sha256(blob), sent: false });
  }
  return photos;
}
