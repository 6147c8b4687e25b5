#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank: decodes it with the standard
library (zlib + the five PNG row filters, 8-bit RGB/RGBA), then asks for
more than MIN_INK of the pixels to be non-white and at least MIN_COLOURS
distinct colours (text, bars, lines, bands). Usage: png_nonblank.py FILE"""
import struct
import sys
import zlib

MIN_INK = 0.03
MIN_COLOURS = 12

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
ink = 0
colours = set()
for y in range(height):
    f = raw[y * (stride + 1)]
    row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            row[i] = (row[i] + a) & 255
        elif f == 2:
            row[i] = (row[i] + b) & 255
        elif f == 3:
            row[i] = (row[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            row[i] = (row[i] + pr) & 255
    for x in range(0, stride, bpp * 3):   # every third pixel is plenty
        px = bytes(row[x:x + 3])
        colours.add(px)
        if px != b"\xff\xff\xff":
            ink += 1
    prev = row
share = ink / (height * ((width + 2) // 3))
print("%dx%d, %.1f %% ink, %d colours" % (width, height, share * 100, len(colours)))
if share < MIN_INK or len(colours) < MIN_COLOURS:
    print("blank or nearly blank", file=sys.stderr)
    sys.exit(1)
