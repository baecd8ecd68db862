#!/bin/sh
# Renders a run's report.docx to a PNG of its first pages, as the README's picture was made:
#   tools/render-docx.sh output/bozhou-2020/report.docx docs/report-docx-bozhou-2020.png
# Needs Debian's libreoffice-writer-nogui, poppler-utils, fonts-wqy-zenhei and fonts-arphic-ukai/-uming.
# Linux has no 仿宋/黑体/楷体/宋体: a fontconfig file maps the names the document uses to free fonts
# of the same kind, for this rendering only (Word and WPS on Windows have the real ones).
set -eu
docx=$1
png=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
</fontconfig>
XML
FONTCONFIG_FILE="$work/fonts.conf" HOME="$work" soffice --headless --convert-to pdf --outdir "$work" "$docx" >/dev/null
pdf="$work/$(basename "$docx" .docx).pdf"
# pages 1-4 side by side, joined with Python's standard library only (no ImageMagick or Pillow needed)
pdftoppm -r 60 -f 1 -l 4 "$pdf" "$work/page"
python3 - "$png" "$work"/page-*.ppm <<'PY'
import struct, sys, zlib
pages = []
for name in sys.argv[2:]:
    data = open(name, "rb").read()
    fields, at = [], 0
    while len(fields) < 4:  # P6 width height maxval, separated by whitespace
        while data[at:at + 1].isspace():
            at += 1
        start = at
        while not data[at:at + 1].isspace():
            at += 1
        fields.append(data[start:at])
    w, h = int(fields[1]), int(fields[2])
    pages.append((w, h, data[at + 1:]))
gap = 10
width = sum(w for w, _, _ in pages) + gap * (len(pages) - 1)
height = max(h for _, h, _ in pages)
rows = []
for y in range(height):
    row = bytearray(b"\0")
    for i, (w, h, pixels) in enumerate(pages):
        row += pixels[y * w * 3:(y + 1) * w * 3] if y < h else b"\x88" * (w * 3)
        if i < len(pages) - 1:
            row += b"\x88" * (gap * 3)
    rows.append(bytes(row))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
with open(sys.argv[1], "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
              + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
PY
echo "$png"
