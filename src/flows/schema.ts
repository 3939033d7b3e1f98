import { z } from 'zod';

/** The answers of a yes/no question, in the order they are offered. */
export const YES_NO = ['yes', 'no', 'unsure'] as const;

/** The levels an assessment can reach, lowest first. */
export const RISK_LEVELS = ['INFO', 'CONCERN', 'HIGH', 'URGENT'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Services a situation is referred to; each has an operator's label `refer.<code>` in the set's namespace. */
export const REFERRALS = ['child_protection'] as const;
export type Referral = (typeof REFERRALS)[number];
export const referralLabel = (referral: Referral): string => `refer.${referral}`;

// The shape of flow files (flows/<area>/<name>.yaml) and indicator sets
// (flows/<area>/indicators.yaml). Text fields hold i18n keys, resolved in the
// flow's namespace: `helpline/self-check` reads locales/<lng>/helpline.self-check.json.
// A key with an explicit namespace (`flows:scale.agree`) reads that file instead.

const code = z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and _');
const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _, starting with a letter');
const key = z.string().min(1);
const expression = z.string().min(1);

/**
 * Answers the helpline may already have before a flow starts: `safety` ("can you talk
 * safely?", with the codes safe and not_really) and `age` ("are you under 18?"). A step
 * marked `from: <one of these>` is answered by it and skipped, so that nobody is asked twice.
 */
export const KNOWN_ANSWERS = ['safety', 'age'] as const;
export type KnownAnswer = (typeof KNOWN_ANSWERS)[number];
/** How "are you under 18?" is recorded on an age question: yes and no, not a number nobody gave. */
export const AGE_BANDS = { under18: 'under_18', adult: '18_or_over' } as const;

const rule = z.strictObject({ when: expression.optional(), goto: stepId });
/** Where to go after the step: a step id, or rules tried in order (the last without `when`). */
const next = z.union([stepId, z.array(rule).min(1)]);

/** Indicators that fire when an expression over the answers holds. */
const flag = z.strictObject({ when: expression, indicators: z.array(code).min(1) });

const option = z.strictObject({ code, label: key, indicators: z.array(code).optional() });

const base = {
  id: stepId,
  text: key,
  /** Adds a "prefer not to say" answer, recorded distinctly from any other answer. */
  skippable: z.boolean().default(false),
  flags: z.array(flag).optional(),
  /**
   * Named side effects the area running the flow performs when the step is reached. The
   * names are the areas' (see FlowActions): the loader refuses a name no area handles.
   */
  actions: z.array(code).optional(),
  next: next.optional(),
  /** The helpline's earlier answer that answers this step (see KNOWN_ANSWERS; `checkKnownAnswers` says where each fits). */
  from: z.enum(KNOWN_ANSWERS).optional(),
};

export const stepSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('message'), links: z.array(z.string()).optional() }),
  z.strictObject({ ...base, type: z.literal('single'), options: z.array(option).min(2) }),
  z.strictObject({
    ...base,
    type: z.literal('multi'),
    options: z.array(option).min(2),
    min: z.number().int().min(0).default(1),
    /** Label of the button that finishes the choice. */
    done: key.default('flows:multi.done'),
  }),
  z.strictObject({
    ...base,
    type: z.literal('yesno'),
    /** Indicators per answer: yes, no or unsure. */
    indicators: z.partialRecord(z.enum(YES_NO), z.array(code)).optional(),
    /**
     * `minor` marks "could the person be under 18?": yes or unsure switches on the
     * child rules of scoring when no age was given (a child's protection must not
     * wait for certainty).
     */
    role: z.literal('minor').optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('scale'),
    points: z.array(option).min(2),
    /** Label of the "not applicable" answer; without it, N/A is not offered. */
    notApplicable: key.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('text'), minLength: z.number().int().min(1).default(1), maxLength: z.number().int().max(4000).default(1000) }),
  z.strictObject({
    ...base,
    type: z.literal('number'),
    min: z.number(),
    max: z.number(),
    /** `age` marks the person's age, which decides the child rules of scoring. */
    role: z.literal('age').optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('consent'),
    agree: key,
    decline: key,
    /** What agreeing starts. */
    onAgree: z.enum(['handoff']).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('end'), outcome: code, next: z.never().optional() }),
]);

export const flowSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z]+\/[a-z0-9-]+$/, 'use <area>/<name>, e.g. helpline/self-check'),
    version: z.number().int().positive(),
    kind: z.enum(['screening', 'survey']),
    title: key,
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
    /** Who the flow is written for; an answer with role `age` overrides it. */
    audience: z.enum(['adult', 'child', 'any']).default('any'),
    /**
     * A survey's answers name nobody (the default). `false`: each response also keeps the
     * respondent's type of organisation and region (from registration, or the paper form's
     * columns), never a name, so that a report can break the ratings down by them; the
     * respondent is told so before the first question.
     */
    anonymous: z.boolean().default(true),
    /**
     * The register of the shared hints (locales/<lng>/flows.json): `young` speaks to a
     * young person as "ti" (hint_young), by default "ju" (hint).
     */
    hints: z.enum(['young']).optional(),
    /** The indicator set this flow attaches to answers (screening flows). */
    indicators: z.string().optional(),
    /** Score from which the level is CONCERN and HIGH (URGENT comes from critical indicators). */
    levels: z.strictObject({ concern: z.number().positive(), high: z.number().positive() }).optional(),
    /** Named conditions usable in every expression of the flow. */
    guards: z.record(stepId, expression).default({}),
    /** Earlier versions whose saved answers this version can continue. */
    compatibleWith: z.array(z.number().int().positive()).default([]),
    start: stepId,
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((flow, ctx) => {
    if (flow.kind === 'screening' && (!flow.indicators || !flow.levels)) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'a screening flow needs `indicators` and `levels`' });
    }
    if (!flow.anonymous && flow.kind !== 'survey') {
      ctx.addIssue({ code: 'custom', path: ['anonymous'], message: 'only a survey can keep who answered; a screening is always anonymous' });
    }
    if (flow.levels && flow.levels.high <= flow.levels.concern) {
      ctx.addIssue({ code: 'custom', path: ['levels', 'high'], message: 'must be above levels.concern' });
    }
  });

export const INDICATOR_LEVELS = ['critical', 'high', 'medium', 'context'] as const;
/** The parts of the trafficking definition an indicator is evidence of. */
export const ELEMENTS = ['act', 'means', 'purpose', 'context'] as const;

export const indicatorSetSchema = z.strictObject({
  set: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().positive(),
  indicators: z
    .array(
      z
        .strictObject({
          id: code,
          /** Key in the set's namespace: what an operator reads. */
          label: key,
          level: z.enum(INDICATOR_LEVELS),
          weight: z.number().min(0),
          element: z.enum(ELEMENTS),
          appliesTo: z.enum(['adult', 'child', 'both']).default('both'),
          /**
           * What this indicator means when the person is under 18: the lowest level the
           * assessment may then have, and the service the situation is referred to.
           */
          forChild: z
            .strictObject({ minimumLevel: z.enum(RISK_LEVELS).optional(), refer: z.enum(REFERRALS).optional() })
            .refine((rule) => rule.minimumLevel !== undefined || rule.refer !== undefined, 'give a minimumLevel, a refer, or both')
            .optional(),
        })
        .refine((indicator) => !(indicator.forChild && indicator.appliesTo === 'adult'), {
          path: ['forChild'],
          message: 'an indicator that applies only to adults has no rule for children',
        }),
    )
    .min(1),
});

export type Flow = z.infer<typeof flowSchema>;
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];
export type IndicatorSet = z.infer<typeof indicatorSetSchema>;
export type Indicator = IndicatorSet['indicators'][number];

/** The i18n namespace of a flow: its id with the slash as a dot. */
export const flowNamespace = (flowId: string): string => flowId.replace('/', '.');
/** The namespace of an indicator set. */
export const indicatorNamespace = (set: string): string => `indicators.${set}`;
