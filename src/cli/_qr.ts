/**
 * `--qr` and `--qr-svg FILE`, shared by the commands that print something to scan (`uri make`,
 * `activation encode`, `keygen --account`, `export --to google`): the text as a QR code on the
 * terminal (UTF-8 half blocks) or in an SVG file. The code holds the secret, as the text does.
 * @module
 */
import { qrSvg, qrText } from '../qr.ts';
import { text, type Values } from './_args.ts';
import type { Context } from './_io.ts';
import { printable } from './_text.ts';

export const QR_OPTIONS = {
  qr: { type: 'boolean' },
  'qr-invert': { type: 'boolean' },
  'qr-svg': { type: 'string' },
} as const;

export const QR_HELP = `--qr prints it as a QR code drawn for light text on a dark terminal (--qr-invert: dark on light);
--qr-svg FILE writes the QR code as SVG to a new FILE (never over an existing one; readable by you alone).`;

/**
 * The lines to print for `texts` (each followed by its QR code with --qr; only the QR codes when
 * the texts went to a file), and the SVG files written with --qr-svg (several texts: FILE-1.svg,
 * FILE-2.svg, …).
 */
export function withQr(texts: readonly string[], values: Values, ctx: Context, { showText = true } = {}): string[] {
  const svg = text(values, 'qr-svg');
  const lines: string[] = [];
  for (const t of texts) {
    if (showText) lines.push(printable(t)); // (URIs are percent-encoded already; escaped all the same)
    // The library draws the dark modules by default; most terminals show light text on dark, so
    // the light modules are drawn unless asked otherwise.
    if (values.qr || values['qr-invert']) lines.push(qrText(t, { invert: !values['qr-invert'] }));
  }
  if (svg !== undefined) {
    texts.forEach((t, i) => {
      const path = texts.length === 1 ? svg : svg.replace(/(\.svg)?$/i, `-${i + 1}.svg`);
      ctx.writeFile(path, qrSvg(t), '--qr-svg');
    });
  }
  return lines;
}
