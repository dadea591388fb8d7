"""Abstract illustrations for the demo content, drawn with Pillow.

Every picture is made from the same palette (sea blues, teal, sand, coral and
gold: the west coast and its industry), so the demo site looks like one site.
Each is drawn from a seed, so the same key always gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900

NAVY = (16, 42, 67)
SEA = (23, 104, 125)
TEAL = (56, 161, 149)
MIST = (214, 234, 238)
SAND = (244, 228, 200)
CORAL = (231, 111, 81)
GOLD = (244, 182, 63)

# Background pairs: one dark and one light end, so the shapes always have contrast.
BACKGROUNDS = [
    (NAVY, SEA),
    (SEA, TEAL),
    (NAVY, TEAL),
    (SAND, MIST),
    (MIST, TEAL),
]
ACCENTS = [CORAL, GOLD, SAND, TEAL, MIST]
GLOWS = [CORAL, SAND, MIST]

MOTIFS = ("waves", "circles", "grid", "arcs")


def _gradient(corners: tuple, size: tuple[int, int]) -> Image.Image:
    """A smooth four-corner gradient: a 2×2 image stretched with bilinear filtering."""
    tiny = Image.new("RGB", (2, 2))
    tiny.putdata(corners)
    return tiny.resize(size, Image.Resampling.BILINEAR)


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _glow(rng: random.Random, canvas: Image.Image, colours: list[tuple]) -> None:
    # Drawn small and blurred, then enlarged: soft light for a fraction of the cost.
    scale = 4
    layer = Image.new("RGBA", (WIDTH // scale, HEIGHT // scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for colour in colours:
        r = rng.randint(60, 140)
        x = rng.randint(0, WIDTH // scale)
        y = rng.randint(0, HEIGHT // scale)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rng.randint(90, 150)))
    layer = layer.filter(ImageFilter.GaussianBlur(28)).resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    canvas.alpha_composite(layer)


def _waves(rng: random.Random, draw: ImageDraw.ImageDraw, colours: list[tuple]) -> None:
    base = HEIGHT * rng.uniform(0.55, 0.7)
    for i, colour in enumerate(colours):
        amplitude = rng.uniform(25, 70)
        length = rng.uniform(500, 1100)
        phase = rng.uniform(0, math.tau)
        top = base + i * rng.uniform(60, 110)
        points = [
            (x, top + amplitude * math.sin(phase + math.tau * x / length)) for x in range(0, WIDTH + 21, 20)
        ]
        draw.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=(*colour, 235))


def _circles(rng: random.Random, draw: ImageDraw.ImageDraw, colours: list[tuple]) -> None:
    cx, cy = rng.randint(900, 1300), rng.randint(250, 600)
    for i in range(6, 0, -1):
        r = 70 * i
        colour = colours[i % len(colours)]
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*colour, 200), width=rng.choice((6, 10, 14)))
    for _ in range(7):
        r = rng.randint(18, 60)
        x, y = rng.randint(80, 800), rng.randint(80, HEIGHT - 80)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rng.choice(colours), 190))


def _grid(rng: random.Random, draw: ImageDraw.ImageDraw, colours: list[tuple]) -> None:
    # A loose grid of dots and joints: machines, circuits, people linked up.
    step = 100
    nodes = [
        (x + rng.randint(-18, 18), y + rng.randint(-18, 18))
        for x in range(step, WIDTH, step)
        for y in range(step, HEIGHT, step)
        if rng.random() < 0.45
    ]
    for i, a in enumerate(nodes):
        near = sorted(nodes[i + 1 :], key=lambda b: math.dist(a, b))[: rng.choice((1, 2))]
        for b in near:
            if math.dist(a, b) < 230:
                draw.line((a, b), fill=(*colours[0], 150), width=4)
    for x, y in nodes:
        r = rng.choice((8, 12, 18))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rng.choice(colours), 230))


def _arcs(rng: random.Random, draw: ImageDraw.ImageDraw, colours: list[tuple]) -> None:
    cx, cy = rng.randint(-200, 400), HEIGHT + rng.randint(0, 200)
    for i in range(9):
        r = 260 + i * 120
        draw.arc(
            (cx - r, cy - r, cx + r, cy + r),
            start=270,
            end=360,
            fill=(*colours[i % len(colours)], 210),
            width=38,
        )
    x, y, r = rng.randint(1150, 1400), rng.randint(180, 350), rng.randint(70, 110)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(*GOLD, 255))


def render(*, seed: str, motif: str) -> bytes:
    """Draw one 1600×900 picture and return it as JPEG bytes; the same seed gives the same picture."""
    rng = random.Random(seed)
    dark, light = rng.choice(BACKGROUNDS)
    corners = (dark, _mix(dark, light, 0.5), _mix(dark, light, 0.7), light)
    canvas = _gradient(corners, (WIDTH, HEIGHT)).convert("RGBA")
    accents = rng.sample(ACCENTS, 3)
    # Gold and teal light over blue turns muddy; the glow keeps to the clean colours.
    _glow(rng, canvas, rng.sample(GLOWS, 2))

    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    {"waves": _waves, "circles": _circles, "grid": _grid, "arcs": _arcs}[motif](rng, draw, accents)
    canvas.alpha_composite(layer)

    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
