#!/usr/bin/env bash
# Draws images/icon.png (128×128, the Marketplace icon) with ImageMagick: a page of
# a financial statement — rows of figures, a ruled total line — and a check mark
# for totals that reconcile. No fonts needed. apt-get install -y imagemagick
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p images
/usr/bin/convert -size 512x512 xc:none \
  -fill '#1f4e79' -draw 'roundrectangle 16,16 496,496 72,72' \
  -fill '#ffffff' -draw 'polygon 120,76 332,76 396,140 396,436 120,436' \
  -fill '#c9d6e3' -draw 'polygon 332,76 396,140 332,140' \
  -fill '#1f4e79' \
  -draw 'rectangle 156,124 300,140' \
  -fill '#8aa4bf' \
  -draw 'rectangle 156,180 236,194' -draw 'rectangle 276,180 360,194' \
  -draw 'rectangle 156,222 236,236' -draw 'rectangle 276,222 360,236' \
  -draw 'rectangle 156,264 236,278' -draw 'rectangle 276,264 360,278' \
  -fill '#1f4e79' -draw 'rectangle 156,310 360,316' \
  -draw 'rectangle 156,334 236,350' -draw 'rectangle 276,334 360,350' \
  -fill '#2e9e5b' -stroke '#ffffff' -strokewidth 14 -draw 'circle 376,380 376,300' \
  -fill none -stroke '#ffffff' -strokewidth 22 -draw 'polyline 336,382 366,412 418,350' \
  -resize 128x128 -strip PNG32:images/icon.png
echo "images/icon.png: $(identify -format '%wx%h %m' images/icon.png)"
