import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers with a Content-Security-Policy that allows what Ura's pages use
 * and nothing more: their one stylesheet and one script, images (the QR code) and
 * fetches (the live part, the upload) from Ura itself, forms posting to Ura. No
 * inline script or style, no plugin, no framing, no <base>. Insecure requests are
 * upgraded only where Ura is reached over https: on plain http (a venue's network,
 * a development machine) the upgrade would break every asset.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
  });
}
