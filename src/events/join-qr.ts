export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

/**
 * The QR code of a join link, for the entrance poster, the projector and the event's
 * page: PNG (1024 pixels square, sharp when printed on A4) or SVG (any size). Error
 * correction level M survives a poster seen at an angle or a little dirt.
 */
export async function joinQr(link: string, format: QrFormat): Promise<Buffer> {
  // Loaded when a code is drawn, not by every command and page that could draw one.
  const { default: QRCode } = await import('qrcode');
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  if (format === 'svg') return Buffer.from(await QRCode.toString(link, { ...options, type: 'svg' }), 'utf8');
  return QRCode.toBuffer(link, { ...options, type: 'png', width: 1024 });
}

/** The format a file name asks for, if it is one. */
export const qrFormatOf = (fileName: string): QrFormat | undefined => QR_FORMATS.find((format) => fileName.toLowerCase().endsWith(`.${format}`));
