import { join } from 'node:path';
import express, { Router } from 'express';
import type { I18n } from '../../i18n/index.js';
import type { OrganiserSignIn } from '../../staff/organiser-sign-in.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { packageRoot } from '../../shared/paths.js';
import { organiserApi } from './organiser-api.js';
import type { OrganiserEvents } from './organiser-events.js';
import { organiserPages } from './organiser-pages.js';

/** The stylesheet and the one small script of the organiser pages: served by Ura itself (venues have poor internet; no CDN). */
export const ASSETS_DIR = join(packageRoot, 'public', 'organiser');

export interface OrganiserWebDeps {
  signIn: OrganiserSignIn;
  events: OrganiserEvents;
  i18n: I18n;
  clock: Clock;
  timeZone: string;
  /** PUBLIC_URL, if set: https there makes the session cookie Secure. */
  publicUrl: string | undefined;
  adminToken: string | undefined;
  logger: Logger;
}

/** Whether browsers reach Ura over https. */
export const isHttps = (publicUrl: string | undefined): boolean => publicUrl?.startsWith('https://') ?? false;

/** The organisers' web side: assets, pages (/organiser) and the JSON API (/api). Each parses its own bodies. */
export function organiserWeb(deps: OrganiserWebDeps): Router {
  const router = Router();
  const assets = Router();
  assets.use(express.static(ASSETS_DIR, { index: false, maxAge: '1h', dotfiles: 'deny' }));
  assets.use((_req, res) => void res.status(404).type('text/plain').send('no such file'));
  router.use('/organiser/assets', assets);
  router.use('/organiser', organiserPages({ ...deps, secure: isHttps(deps.publicUrl) }));
  router.use('/api', organiserApi(deps));
  return router;
}
