// Test helpers for the QR tests: a minimal PNG writer (8-bit greyscale, one IDAT, node:zlib) so a
// module matrix becomes an image a decoder reads, and the two independent decoders the tests hold
// oathkit's QR codes to: Debian's zbarimg (zbar-tools, C) and jsQR (JavaScript, npm devDependency).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import jsqrModule from 'jsqr';

// jsQR is a UMD bundle whose `module.exports` is the function; its types declare an ES default.
const jsQR = ((jsqrModule as unknown as { default?: unknown }).default ?? jsqrModule) as unknown as typeof import('jsqr').default;

/** A greyscale raster: `pixels[y * width + x]`, 0 black … 255 white. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** The modules (1 dark) with a quiet zone of `margin` modules, `scale` pixels per module. */
export function rasterOf(modules: Uint8Array, size: number, scale = 4, margin = 4): Raster {
  const width = (size + 2 * margin) * scale;
  const pixels = new Uint8Array(width * width).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules[y * size + x]) continue;
      for (let dy = 0; dy < scale; dy++)
        pixels.fill(0, ((y + margin) * scale + dy) * width + (x + margin) * scale, ((y + margin) * scale + dy) * width + (x + margin + 1) * scale);
    }
  }
  return { width, height: width, pixels };
}

/**
 * Terminal text as a terminal shows it: each character cell is `scale` pixels wide and 2·scale
 * high, its upper and lower halves inked or not by the half-block glyph; ink is `ink` (0 black
 * for dark text on a light terminal, 255 white for light text on a dark one), the background
 * the other, with `pad` blank cells of background around (the terminal beyond the text).
 */
export function rasterOfText(text: string, ink: number, scale = 4, pad = 0): Raster {
  const lines = text.split('\n');
  const cols = Math.max(...lines.map((l) => [...l].length)) + 2 * pad;
  const width = cols * scale;
  const height = (lines.length + 2 * pad) * 2 * scale;
  const pixels = new Uint8Array(width * height).fill(255 - ink);
  lines.forEach((line, row) => {
    [...line].forEach((ch, col) => {
      const halves = { ' ': [0, 0], '▀': [1, 0], '▄': [0, 1], '█': [1, 1] }[ch];
      if (!halves) throw new Error(`unexpected character ${JSON.stringify(ch)} in the terminal text`);
      halves.forEach((on, half) => {
        if (!on) return;
        for (let dy = 0; dy < scale; dy++) {
          const y = ((row + pad) * 2 + half) * scale + dy;
          pixels.fill(ink, y * width + (col + pad) * scale, y * width + (col + pad + 1) * scale);
        }
      });
    });
  });
  return { width, height, pixels };
}

/** PNG (ISO/IEC 15948) of a greyscale raster: signature, IHDR, one IDAT (filter 0 rows), IEND. */
export function png({ width, height, pixels }: Raster): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, filter method 0, no interlace
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG as a greyscale raster: 8-bit greyscale, grey + alpha, RGB or RGBA, not interlaced (what
 * rsvg-convert writes), every row filter undone (PNG §9), colour averaged, alpha over white.
 */
export function readPng(file: Buffer): Raster {
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const [depth, colour, , , interlace] = file.subarray(24, 29);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colour!];
  if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG: depth ${depth}, colour ${colour}, interlace ${interlace}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= channels ? data[y * stride + i - channels]! : 0;
      const b = y ? data[(y - 1) * stride + i]! : 0;
      const c = y && i >= channels ? data[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      data[y * stride + i] = (x + [0, a, b, (a + b) >> 1, paeth][filter]!) & 255;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const px = data.subarray(i * channels, (i + 1) * channels);
    const grey = channels >= 3 ? (px[0]! + px[1]! + px[2]!) / 3 : px[0]!;
    const alpha = channels === 2 || channels === 4 ? px[channels - 1]! / 255 : 1;
    pixels[i] = Math.round(grey * alpha + 255 * (1 - alpha));
  }
  return { width, height, pixels };
}

/** jsQR's reading of a raster: the bytes of the data it decoded, or null. */
export function jsqrBytes({ width, height, pixels }: Raster): Uint8Array | null {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i++) rgba.fill(pixels[i]!, 4 * i, 4 * i + 3), (rgba[4 * i + 3] = 255);
  const result = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return result ? Uint8Array.from(result.binaryData) : null;
}

/**
 * zbarimg's reading of each image file, as raw bytes (`-Sbinary --raw`: no charset guessing), or
 * null where it read nothing. In binary mode zbarimg writes the data of every file back to back
 * with nothing between (and `--xml` is then ignored), so one run reads all files with a separator
 * image after each (a QR code of `separator`) and the output is split at the separator's text.
 * @param separator - a PNG file holding {@link SEPARATOR}
 */
export function zbarBytes(files: string[], separator: string): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = [];
  const mark = Buffer.from(SEPARATOR);
  for (let start = 0; start < files.length; start += 100) {
    const batch = files.slice(start, start + 100);
    const r = spawnSync('zbarimg', ['--nodbus', '--raw', '-q', '-Sdisable', '-Sqrcode.enable', '-Sbinary', ...batch.flatMap((f) => [f, separator])], {
      maxBuffer: 1 << 28,
    });
    if (r.error) throw r.error;
    const parts: Buffer[] = [];
    let rest = r.stdout;
    for (let at = rest.indexOf(mark); at >= 0; at = rest.indexOf(mark)) {
      parts.push(rest.subarray(0, at));
      rest = rest.subarray(at + mark.length);
    }
    if (parts.length !== batch.length) throw new Error(`zbarimg read ${parts.length} separators for ${batch.length} files: ${r.stderr}`);
    out.push(...parts.map((p) => (p.length ? Uint8Array.from(p) : null)));
  }
  return out;
}

/** The text of the separator image between files in one zbarimg run (no test text contains it). */
export const SEPARATOR = '~zbar-separator-7f3a~';

/** A temporary folder for image files, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; file: (name: string, data: Buffer | string) => string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}
