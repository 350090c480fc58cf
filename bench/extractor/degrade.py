#!/usr/bin/env python3
"""Image bills degraded the way phone photos and scans are, with their truth, for scoring the reader on them.

  degrade.py SRC OUT [--kinds rotate,keystone,...] [--seed 1] [--count N]

Reads SRC/truth.jsonl, takes its image bills (PDFs are left out; `--count N` takes N spread evenly over the sorted
names), applies each kind in `--kinds` with parameters drawn from `--seed` and the file's name (the same command
makes the same images), writes them to OUT as JPEG and OUT/truth.jsonl with the same fields and a `degraded` entry
naming what was done. Score with `score.py OUT --cache YOUR_CACHE`.

Kinds, applied in this order (paper first, then the camera, then the file):
  faded     faded thermal print: ink lightened to grey 110-170, paper greyed to 200-235 (low contrast)
  margin    the paper on a dark table: a margin of 4-10 % of the page in a dark, uneven colour
  shadow    uneven lighting: brightness falling to 45-75 % towards one side or corner, and a soft shadow band
  keystone  perspective: the page seen from below or aside, one edge 4-12 % shorter than the opposite one
  rotate    rotated by 1-5 degrees either way
  lowres    resolution lowered to 50-75 % of the sides
  blur      Gaussian blur of radius 0.7-1.5 px (after lowres, the camera's focus)
  noise     sensor noise, sigma 5-14 grey levels
  jpeg      JPEG quality 30-60 (otherwise 90)
"""
import argparse
import hashlib
import json
import math
import os
import random

import numpy as np
from PIL import Image, ImageFilter

KINDS = ["faded", "margin", "shadow", "keystone", "rotate", "lowres", "blur", "noise", "jpeg"]


def faded(image, rng):
    ink, paper = rng.uniform(110, 170), rng.uniform(200, 235)
    levels = np.asarray(image, dtype=np.float32)
    out = paper - (255 - levels) * (paper - ink) / 255
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), f"faded ink {ink:.0f} paper {paper:.0f}"


def margin(image, rng):
    width, height = image.size
    share = rng.uniform(0.04, 0.10)
    pad_x, pad_y = int(width * share), int(height * share)
    table = np.array([rng.uniform(30, 90), rng.uniform(25, 70), rng.uniform(20, 60)], dtype=np.float32)
    # A table is not one flat colour: a gentle gradient across it.
    ys, xs = np.mgrid[0:height + 2 * pad_y, 0:width + 2 * pad_x].astype(np.float32)
    wave = 1 + 0.25 * np.sin(xs / (width + 2 * pad_x) * math.pi * rng.uniform(0.5, 2)) \
        * np.cos(ys / (height + 2 * pad_y) * math.pi * rng.uniform(0.5, 2))
    canvas = np.clip(table[None, None, :] * wave[:, :, None], 0, 255).astype(np.uint8)
    out = Image.fromarray(canvas)
    out.paste(image.convert("RGB"), (pad_x, pad_y))
    return out, f"margin {share:.0%}"


def shadow(image, rng):
    levels = np.asarray(image.convert("RGB"), dtype=np.float32)
    height, width = levels.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    # Position along a random direction, 0 at the darkest side and 1 at the lightest.
    along = (xs / width - 0.5) * math.cos(angle) + (ys / height - 0.5) * math.sin(angle)
    along = (along - along.min()) / max(1e-6, along.max() - along.min())
    darkest = rng.uniform(0.45, 0.75)
    light = darkest + (1 - darkest) * along
    # A soft band of shadow (a hand or a phone) across the page.
    band_at, band_width, band_depth = rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.15), rng.uniform(0.1, 0.25)
    across = (xs / width) * math.sin(angle) - (ys / height) * math.cos(angle)
    across = (across - across.min()) / max(1e-6, across.max() - across.min())
    light *= 1 - band_depth * np.exp(-((across - band_at) / band_width) ** 2)
    out = np.clip(levels * light[:, :, None], 0, 255).astype(np.uint8)
    return Image.fromarray(out), f"shadow to {darkest:.0%}"


def perspective_coefficients(source, target):
    """PIL's eight coefficients mapping each output corner in `target` to the input corner in `source`."""
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, dtype=np.float64), np.array(source, dtype=np.float64).reshape(8))


def border_colour(image):
    levels = np.asarray(image.convert("RGB"))
    edge = np.concatenate([levels[0], levels[-1], levels[:, 0], levels[:, -1]])
    return tuple(int(v) for v in np.median(edge, axis=0))


def keystone(image, rng):
    width, height = image.size
    shrink = rng.uniform(0.04, 0.12)
    side = rng.choice(["top", "bottom", "left", "right"])
    corners = [(0, 0), (width, 0), (width, height), (0, height)]
    dx, dy = width * shrink / 2, height * shrink / 2
    moved = {
        "top": [(dx, 0), (width - dx, 0), (width, height), (0, height)],
        "bottom": [(0, 0), (width, 0), (width - dx, height), (dx, height)],
        "left": [(0, dy), (width, 0), (width, height), (0, height - dy)],
        "right": [(0, 0), (width, dy), (width, height - dy), (0, height)],
    }[side]
    coefficients = perspective_coefficients(corners, moved)
    out = image.convert("RGB").transform(image.size, Image.Transform.PERSPECTIVE, tuple(coefficients),
                                         Image.Resampling.BICUBIC, fillcolor=border_colour(image))
    return out, f"keystone {side} {shrink:.0%}"


def rotate(image, rng):
    degrees = rng.uniform(1, 5) * rng.choice([-1, 1])
    out = image.convert("RGB").rotate(degrees, Image.Resampling.BICUBIC, expand=True, fillcolor=border_colour(image))
    return out, f"rotate {degrees:+.1f}"


def lowres(image, rng):
    share = rng.uniform(0.5, 0.75)
    size = (max(1, round(image.width * share)), max(1, round(image.height * share)))
    return image.resize(size, Image.Resampling.LANCZOS), f"lowres {share:.0%}"


def blur(image, rng):
    radius = rng.uniform(0.7, 1.5)
    return image.filter(ImageFilter.GaussianBlur(radius)), f"blur {radius:.1f}"


def noise(image, rng):
    sigma = rng.uniform(5, 14)
    levels = np.asarray(image, dtype=np.float32)
    grain = np.random.default_rng(rng.getrandbits(32)).normal(0, sigma, levels.shape[:2]).astype(np.float32)
    if levels.ndim == 3:
        grain = grain[:, :, None]
    return Image.fromarray(np.clip(levels + grain, 0, 255).astype(np.uint8)), f"noise {sigma:.0f}"


def degrade(image, kinds, rng):
    """The image with each of `kinds` applied in `KINDS` order, and the JPEG quality to save it at."""
    done, quality = [], 90
    image = image.convert("RGB") if image.mode not in ("L", "RGB") else image
    for kind in KINDS:
        if kind not in kinds:
            continue
        if kind == "jpeg":
            quality = rng.randint(30, 60)
            done.append(f"jpeg {quality}")
            continue
        image, what = globals()[kind](image, rng)
        done.append(what)
    return image, quality, done


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source")
    p.add_argument("out")
    p.add_argument("--kinds", default=",".join(KINDS), help="comma-separated, of: " + ", ".join(KINDS))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--count", type=int, help="this many image bills, spread evenly over the sorted names")
    args = p.parse_args()
    kinds = set(args.kinds.split(","))
    if unknown := kinds - set(KINDS):
        p.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    with open(os.path.join(args.source, "truth.jsonl")) as f:
        truths = [json.loads(line) for line in f if line.strip()]
    images = sorted((t for t in truths if t["file"].lower().endswith((".jpg", ".jpeg", ".png"))), key=lambda t: t["file"])
    if args.count and args.count < len(images):
        images = [images[i * len(images) // args.count] for i in range(args.count)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "truth.jsonl"), "w") as out:
        for truth in images:
            name = truth["file"]
            # The file's own generator: adding or dropping a file leaves the others' degradations as they were.
            rng = random.Random(int(hashlib.sha256(f"{args.seed}:{name}".encode()).hexdigest()[:16], 16))
            image, quality, done = degrade(Image.open(os.path.join(args.source, name)), kinds, rng)
            target = os.path.splitext(name)[0] + ".jpg"
            image.save(os.path.join(args.out, target), "JPEG", quality=quality)
            out.write(json.dumps({**truth, "file": target, "degraded": ", ".join(done)}) + "\n")
    print(f"{len(images)} bills in {args.out} ({', '.join(k for k in KINDS if k in kinds)}; seed {args.seed})")


if __name__ == "__main__":
    main()
