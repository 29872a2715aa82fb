# Synthetic face-like placeholder (no real person): geometric shapes only, 300x400 greyscale PGM.
# Run: python3 draw-face-placeholder.py && opj_compress -i face.pgm -o face-placeholder.jp2 -r 40
# (OpenJPEG 2.5.0, Debian libopenjp2-tools); the result is ../src/main/resources/jp/madoguchi/sim/card/face-placeholder.jp2.
import math
W, H = 300, 400
def inside_ellipse(x, y, cx, cy, rx, ry):
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0
px = bytearray()
for y in range(H):
    for x in range(W):
        v = 215 - int(25 * y / H)                      # background, light grey to slightly darker
        if y > 300 and abs(x - 150) < 40 + (y - 300) * 1.3:
            v = 70                                      # shoulders
        if abs(x - 150) < 28 and 250 < y <= 320:
            v = 165                                     # neck
        if inside_ellipse(x, y, 150, 170, 82, 108):
            v = 180                                     # head
            if y < 120 and not inside_ellipse(x, y, 150, 150, 70, 60):
                v = 55                                  # hair
            if y < 95:
                v = 55
        if inside_ellipse(x, y, 150, 110, 88, 50) and y < 110:
            v = 55
        if inside_ellipse(x, y, 68, 175, 10, 18) or inside_ellipse(x, y, 232, 175, 10, 18):
            v = 170                                     # ears
        for ex in (118, 182):
            if inside_ellipse(x, y, ex, 160, 15, 7):
                v = 245                                 # eye white
            if inside_ellipse(x, y, ex, 160, 6, 6):
                v = 40                                  # iris
            if abs(y - 142) < 3 and abs(x - ex) < 18:
                v = 80                                  # brow
        if abs(x - 150) < 3 and 165 < y < 205:
            v = 150                                     # nose
        if inside_ellipse(x, y, 150, 228, 24, 7) and y >= 228:
            v = 110                                     # mouth
        px.append(v)
with open("face.pgm", "wb") as f:
    f.write(b"P5\n%d %d\n255\n" % (W, H))
    f.write(px)
