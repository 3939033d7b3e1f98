import type { RiskLevel } from '../../flows/scoring.js';

/** How soon a case of each level should be claimed before it escalates, in minutes. */
export type ClaimTargets = Record<RiskLevel, number>;

/** Crisis-line practice: danger within minutes, a request for a person within the hour. */
export const DEFAULT_CLAIM_TARGETS: ClaimTargets = { URGENT: 2, HIGH: 10, CONCERN: 60, INFO: 60 };

/**
 * Reads `URGENT=2,HIGH=10,CONCERN=60` (minutes); levels left out keep their default.
 * Returns a problem line instead when the text does not fit.
 */
export function parseClaimTargets(text: string): ClaimTargets | { problem: string } {
  const targets: ClaimTargets = { ...DEFAULT_CLAIM_TARGETS };
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(URGENT|HIGH|CONCERN|INFO)=(\d{1,4})$/.exec(part);
    const minutes = match ? Number(match[2]) : 0;
    if (!match || minutes < 1) return { problem: `has "${part}", which is not LEVEL=minutes` };
    targets[match[1] as RiskLevel] = minutes;
  }
  return targets;
}

export const targetMs = (targets: ClaimTargets, level: RiskLevel): number => targets[level] * 60_000;
