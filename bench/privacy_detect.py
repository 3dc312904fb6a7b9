"""Benchmark: walkapp's face and number plate proposals against OpenCV's Haar cascades.

The labelled set is built here, with a fixed seed and nothing downloaded: faces from images that
scikit-image ships (the astronaut and the Labeled Faces in the Wild subset) pasted onto people in
generated street scenes and packaged photos, Swedish number plates ("ABC 123", "ABC 12A": black
on white, blue EU band with S) rendered with Pillow onto cars with perspective, scale, blur, noise
and JPEG variation, and photos with neither, including shop and street signs with text.
"""

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from walkapp.photos.detect import face_session, propose_blurs  # noqa: E402

# The labelled set is generated beside this file (bench/privacy_scenes.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from privacy_scenes import build_set  # noqa: E402


def ours(image: Image.Image) -> list:
    width, height = image.size
    return [
        (
            p["kind"],
            (
                p["x"] * width / 100,
                p["y"] * height / 100,
                (p["x"] + p["w"]) * width / 100,
                (p["y"] + p["h"]) * height / 100,
            ),
        )
        for p in propose_blurs(image)
    ]


class Haar:
    """The naive baseline: OpenCV's shipped cascades with the usual tutorial settings."""

    def __init__(self):
        root = Path(cv2.data.haarcascades)
        self.face = cv2.CascadeClassifier(str(root / "haarcascade_frontalface_default.xml"))
        self.plate = cv2.CascadeClassifier(str(root / "haarcascade_russian_plate_number.xml"))

    def __call__(self, image: Image.Image) -> list:
        gray = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2GRAY)
        found = []
        for kind, cascade in (("face", self.face), ("plate", self.plate)):
            for x, y, w, h in cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5):
                found.append((kind, (float(x), float(y), float(x + w), float(y + h))))
        return found


def matches(box, label) -> bool:
    """IoU of at least 0.3, or each box's centre inside the other."""
    ix = max(0.0, min(box[2], label[2]) - max(box[0], label[0]))
    iy = max(0.0, min(box[3], label[3]) - max(box[1], label[1]))
    inter = ix * iy
    union = (box[2] - box[0]) * (box[3] - box[1]) + (label[2] - label[0]) * (label[3] - label[1])
    if inter / (union - inter + 1e-9) >= 0.3:
        return True

    def inside(a, b):
        cx, cy = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
        return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]

    return inside(box, label) and inside(label, box)


def evaluate(detector, photos) -> dict:
    found = {"face": 0, "plate": 0}
    total = {"face": 0, "plate": 0}
    false = 0
    elapsed = 0.0
    for image, labels in photos:
        started = time.perf_counter()
        proposals = detector(image)
        elapsed += time.perf_counter() - started
        for kind, label in labels:
            total[kind] += 1
            found[kind] += any(k == kind and matches(box, label) for k, box in proposals)
        false += sum(
            not any(k == kind and matches(box, label) for kind, label in labels)
            for k, box in proposals
        )
    return {
        "photos": len(photos),
        "faces_recall": found["face"] / max(1, total["face"]),
        "plates_recall": found["plate"] / max(1, total["plate"]),
        "false_per_photo": false / len(photos),
        "ms_per_photo": 1000 * elapsed / len(photos),
        "faces": total["face"],
        "plates": total["plate"],
    }


def line(prefix: str, r: dict) -> str:
    return (
        f"{prefix}: photos={r['photos']} faces_recall={r['faces_recall']:.2f} "
        f"plates_recall={r['plates_recall']:.2f} false_per_photo={r['false_per_photo']:.2f} "
        f"ms_per_photo={r['ms_per_photo']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=60, help="size of the labelled set")
    args = parser.parse_args()
    photos = build_set(args.photos)
    face_session()  # loading the model once is not a photo's cost
    print(line("privacy_detect", evaluate(ours, photos)))
    print(line("privacy_detect_haar", evaluate(Haar(), photos)))


if __name__ == "__main__":
    main()
