#!/usr/bin/env python3
"""Derive `data/world_outline.csv`: coarse coastline polylines for the brief's small world map.

Source: the low-resolution world map of ratatui-widgets (`src/canvas/world.rs`,
`WORLD_LOW_RESOLUTION`, MIT licence; ratatui credits gnuplotting.org's world data, itself from
Natural Earth, public domain). The points are coastline vertices in order; this script splits them
into polylines wherever two consecutive points are far apart (a jump to the next coast), rounds to
0.1 degree and drops repeated points.

Usage: python3 data/build/world_outline.py PATH/TO/ratatui-widgets-0.3.x/src/canvas/world.rs
(the crate source is in ~/.cargo/registry/src/*/ after `cargo fetch`).
"""

import re
import sys

# Consecutive points further apart than this (degrees, either axis) start a new polyline.
JUMP_DEG = 10.0


def main() -> None:
    text = open(sys.argv[1], encoding="utf-8").read()
    start = text.index("WORLD_LOW_RESOLUTION")
    body = text[start : text.index("];", start)]
    points = [
        (float(x), float(y))
        for x, y in re.findall(r"\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)", body)
    ]
    lines: list[list[tuple[float, float]]] = []
    for lon, lat in points:
        p = (round(lon, 1), round(lat, 1))
        last = lines[-1][-1] if lines else None
        if last is None or abs(p[0] - last[0]) > JUMP_DEG or abs(p[1] - last[1]) > JUMP_DEG:
            lines.append([p])
        elif p != last:
            lines[-1].append(p)
    out = ["line,lon,lat"]
    n = 0
    for line in lines:
        if len(line) < 2:
            continue  # a lone point draws nothing
        n += 1
        out += [f"{n},{lon:g},{lat:g}" for lon, lat in line]
    with open("data/world_outline.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print(f"{n} polylines, {len(out) - 1} points", file=sys.stderr)


if __name__ == "__main__":
    main()
