// Draws the Teams app icons once; the PNGs are committed, so this runs only when the design changes:
//   node scripts/teams-icons.mjs
// Teams wants a 192x192 full-colour icon and a 32x32 outline icon that is white on a transparent
// background (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons).
// The symbol is a shield with a tick, supersampled for smooth edges.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const OUT = fileURLToPath(new URL('../adapters/teams/appPackage/', import.meta.url));
const BLUE = [0x1f, 0x4e, 0x79];
const SAMPLES = 4;

/** Shield in unit coordinates: flat top, straight sides, curving to a point at the bottom. */
function inShield(x, y) {
  const top = 0.16;
  const shoulder = 0.52;
  const bottom = 0.88;
  if (y < top || y > bottom) return false;
  const t = y <= shoulder ? 0 : (y - shoulder) / (bottom - shoulder);
  const halfWidth = 0.29 * (1 - t * t);
  return Math.abs(x - 0.5) <= halfWidth;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The tick inside the shield. */
function inTick(x, y) {
  const a = [0.37, 0.5];
  const b = [0.47, 0.61];
  const c = [0.64, 0.37];
  return Math.min(distanceToSegment(x, y, a, b), distanceToSegment(x, y, b, c)) <= 0.045;
}

/** Coverage (0..1) of a pixel by `shape`, by supersampling. */
function coverage(px, py, size, shape) {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      if (shape((px + (i + 0.5) / SAMPLES) / size, (py + (j + 0.5) / SAMPLES) / size)) hits += 1;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function draw(size, pixel) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y, size);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

const mix = (from, to, k) => from.map((v, i) => Math.round(v + (to[i] - v) * k));

// Colour: white shield with a blue tick on a blue square.
const color = draw(192, (x, y, size) => {
  const shield = coverage(x, y, size, (u, v) => inShield(u, v) && !inTick(u, v));
  return [...mix(BLUE, [255, 255, 255], shield), 255];
});

// Outline: white shield, the tick cut out, on transparent.
const outline = draw(32, (x, y, size) => {
  const shield = coverage(x, y, size, (u, v) => inShield(u, v) && !inTick(u, v));
  return [255, 255, 255, Math.round(255 * shield)];
});

writeFileSync(`${OUT}color.png`, color);
writeFileSync(`${OUT}outline.png`, outline);
process.stdout.write(`wrote ${OUT}color.png (192x192) and ${OUT}outline.png (32x32)\n`);
