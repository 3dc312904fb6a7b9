"""Benchmark: walkapp's photo pipeline against a naive Pillow baseline on a 12 MP phone JPEG."""

import argparse
import ctypes
import gc
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter

ROUNDS = 7
LIMITS = {"max_bytes": 20 * 1024 * 1024, "max_pixels": 60_000_000}


def phone_jpeg() -> bytes:
    """A 4032×3024 JPEG with a phone's texture, portrait orientation flag and a GPS fix."""
    size = (4032, 3024)
    texture = Image.effect_noise(size, 64).filter(ImageFilter.GaussianBlur(0.7))
    sky = Image.linear_gradient("L").resize(size)
    street = Image.radial_gradient("L").resize(size)
    image = Image.merge(
        "RGB",
        (
            Image.blend(sky, texture, 0.45),
            Image.blend(street, texture, 0.55),
            Image.blend(sky.transpose(Image.Transpose.FLIP_TOP_BOTTOM), texture, 0.4),
        ),
    )
    exif = Image.Exif()
    exif[0x0112] = 6  # held upright: the sensor's image must be turned to be viewed
    exif[0x010F] = "BenchPhone"
    exif.get_ifd(0x8825).update({1: "N", 2: (59.0, 22.0, 27.0), 3: "E", 4: (17.0, 1.0, 54.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def walkapp_pipeline(data: bytes) -> None:
    from walkapp.photos.pipeline import process_photo

    process_photo(data, **LIMITS)


def naive_pipeline(data: bytes) -> None:
    """What a first attempt does: decode everything, resize twice from full size, save both."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        for longest in (1600, 320):
            copy = image.resize(
                (longest, round(image.height * longest / image.width)), Image.Resampling.LANCZOS
            )
            copy.save(io.BytesIO(), "JPEG", quality=82)


PIPELINES = {"walkapp": walkapp_pipeline, "naive": naive_pipeline}


def peak_extra_mb(name: str, path: Path) -> float:
    """Run one pipeline once in a fresh process and report its peak memory above the start."""
    output = subprocess.run(
        [sys.executable, __file__, "--measure", name, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(output.strip())


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure(name: str, path: Path) -> None:
    data = path.read_bytes()
    pipeline = PIPELINES[name]
    import walkapp.photos.pipeline  # noqa: F401 - imports are not the pipeline's memory

    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    # Writing 5 resets the peak resident size (VmHWM), so it measures this call alone.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    pipeline(data)
    print(f"{(_status_kib('VmHWM') - before) / 1024:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", nargs=2, metavar=("PIPELINE", "FILE"))
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]))
        return
    data = phone_jpeg()
    timings: dict[str, list[float]] = {name: [] for name in PIPELINES}
    for _ in range(ROUNDS):  # interleaved, so a noisy neighbour slows both alike
        for name, pipeline in PIPELINES.items():
            started = time.perf_counter()
            pipeline(data)
            timings[name].append((time.perf_counter() - started) * 1000)
    with tempfile.NamedTemporaryFile(suffix=".jpg") as handle:
        handle.write(data)
        handle.flush()
        walkapp_peak = peak_extra_mb("walkapp", Path(handle.name))
        naive_peak = peak_extra_mb("naive", Path(handle.name))
    walkapp_ms = statistics.median(timings["walkapp"])
    naive_ms = statistics.median(timings["naive"])
    print(f"input: 4032x3024 JPEG, {len(data) / 1e6:.1f} MB, {ROUNDS} rounds each")
    print(f"naive_peak_mb={naive_peak:.0f}")
    print(
        f"photo_pipeline: walkapp_ms={walkapp_ms:.0f} naive_ms={naive_ms:.0f} "
        f"ratio={walkapp_ms / naive_ms:.2f} walkapp_peak_mb={walkapp_peak:.0f}"
    )


if __name__ == "__main__":
    main()
