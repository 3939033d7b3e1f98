import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/flows/engine.js';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import { drive } from '../../support/flows.js';

// Children on the shipped helpline flows: any exploitation of someone under 18 is
// at least HIGH, sexual exploitation of a child is referred to child protection,
// and the content gaps of the screening each fire their indicator.
const { catalog } = loadAreaFlows();
const SKIP = { skip: true } as const;
type Reply = string | readonly string[] | typeof SKIP;

/** Plain answers for every question of each flow; a scenario replaces only what it is about. */
const PLAIN: Record<string, Record<string, Reply>> = {
  'helpline/young-person': {
    safety: 'safe',
    age: '16',
    school: 'yes_regularly',
    made_to: ['none'],
    money_phone: ['none'],
    pressure: 'no',
    marriage: 'no',
    marriage_choice: 'yes',
    moved: 'no',
    promises: 'no',
    abroad: 'no',
    hurt: ['none'],
    hurt_now: 'no',
    safe_adult: ['relative'],
    wants: ['talk_to_person'],
    consent: 'decline',
  },
  'helpline/worried-about-someone': {
    relation: 'family',
    now: 'not_now',
    age: '16',
    minor: 'no',
    signs_control: ['none'],
    signs_activity: ['none'],
    where: 'home_country',
    told: ['no_one'],
    consent: 'decline',
  },
  'helpline/check-an-offer': {
    age: '16',
    offer: 'job',
    destination: 'abroad',
    source: 'employer',
    red_flags: ['none'],
    contact: 'yes',
    leaving: 'weeks',
    consent: 'decline',
  },
  'helpline/self-check': {
    safety: 'safe',
    age: '34',
    where: 'home_country',
    documents: 'with_me',
    sleep: 'own_choice',
    leave: 'free',
    money: ['paid_as_agreed'],
    threats: ['none'],
    threats_now: 'no',
    arranged: 'myself',
    promised: 'job',
    different: 'no',
    forced: ['none'],
    health: 'no',
    wants: ['information'],
    consent: 'decline',
  },
};

/** A whole conversation on `flowId`, answering each question it asks from `answers`, then the plain answers. */
function talk(flowId: string, answers: Record<string, Reply>) {
  const compiled = catalog.get(flowId);
  if (!compiled) throw new Error(`${flowId} is not a valid shipped flow`);
  const run = drive(compiled);
  for (let turns = 0; run.state.status === 'active'; turns++) {
    const id = run.state.current ?? '';
    const reply = answers[id] ?? PLAIN[flowId]?.[id];
    if (reply === undefined || turns > 40) throw new Error(`${flowId}: no answer for "${id}"`);
    if (typeof reply === 'string') run.answer(reply);
    else if ('skip' in reply) run.send({ type: 'skip', step: id });
    else run.answer([...reply]);
  }
  const end = run.all.find((effect): effect is Extract<Effect, { type: 'end' }> => effect.type === 'end');
  const urgent = run.all.find((effect): effect is Extract<Effect, { type: 'urgent' }> => effect.type === 'urgent');
  const said = run.all.flatMap((effect) => (effect.type === 'say' ? [effect.step] : []));
  const assessment = end?.assessment;
  return { end, urgent, said, assessment, fired: assessment?.reasons.map((reason) => reason.indicator) ?? [] };
}

const atLeastHigh = (level: string | undefined) => level === 'HIGH' || level === 'URGENT';

describe('a 16-year-old telling of one form of exploitation, and nothing else', () => {
  it.each([
    ['sexual things, photos or videos', { made_to: ['sexual'] }, 'sexual_exploitation'],
    ['begging or selling on the street', { made_to: ['street'] }, 'forced_begging'],
    ['stealing or carrying drugs', { made_to: ['steal'] }, 'forced_crime'],
    ['work in someone else’s house', { made_to: ['house'] }, 'forced_work'],
    ['growing cannabis in a house they cannot leave', { made_to: ['cannabis'] }, 'cannabis_cultivation'],
    ['a marriage decided for them', { marriage: 'decided' }, 'child_marriage'],
    ['a marriage that is not their choice', { marriage: 'talked_about', marriage_choice: 'no' }, 'forced_marriage'],
  ] as const)('in the young-person flow is seen as serious: %s', (_, answers, indicator) => {
    const { assessment, said, fired } = talk('helpline/young-person', answers);
    expect(fired).toContain(indicator);
    expect(assessment).toMatchObject({ child: true });
    expect(atLeastHigh(assessment?.level), `${indicator}: ${assessment?.level}`).toBe(true);
    expect(said).toContain('summary_high');
  });

  it.each([
    ['pushed into sex or sexual images', ['sexual'], 'sexual_exploitation'],
    ['begging or selling on the street', ['begging'], 'begging_or_street_work'],
    ['made to steal or sell drugs', ['crime'], 'forced_crime'],
    ['working in another family’s home', ['domestic'], 'forced_work'],
    ['growing cannabis in a house they cannot leave', ['cannabis'], 'cannabis_cultivation'],
    ['an early or forced marriage', ['marriage'], 'child_marriage'],
  ] as const)('in worried-about-someone is seen as serious: %s', (_, signs, indicator) => {
    const { assessment, said, fired } = talk('helpline/worried-about-someone', { signs_activity: [...signs] });
    expect(fired).toContain(indicator);
    expect(atLeastHigh(assessment?.level), `${indicator}: ${assessment?.level}`).toBe(true);
    expect(said).toEqual(expect.arrayContaining(['summary_high', 'advice_child']));
  });

  it('stays a CONCERN for an adult telling the same in the self-check: the floor is for children', () => {
    const { assessment } = talk('helpline/self-check', { forced: ['begging'] });
    expect(assessment).toMatchObject({ child: false, level: 'CONCERN', referrals: [] });
  });
});

describe('the referral to child protection', () => {
  it.each([
    ['helpline/young-person', { made_to: ['sexual'] }, 'sexual_exploitation'],
    ['helpline/young-person', { hurt: ['partner_asks'] }, 'partner_exploitation'],
    ['helpline/young-person', { hurt: ['online_photos'] }, 'online_grooming'],
    ['helpline/young-person', { hurt: ['photo_threat'] }, 'sextortion'],
    ['helpline/worried-about-someone', { signs_activity: ['sexual'] }, 'sexual_exploitation'],
    ['helpline/self-check', { age: '15', forced: ['sex'] }, 'sexual_exploitation'],
  ] as const)('goes with a child’s sexual exploitation (%s, %s)', (flowId, answers, indicator) => {
    const { assessment } = talk(flowId, answers);
    expect(assessment?.referrals).toEqual(['child_protection']);
    expect(assessment?.reasons.find((reason) => reason.indicator === indicator)?.refer).toEqual({ to: 'child_protection', label: 'indicators.helpline:refer.child_protection' });
  });

  it('is not made for an adult', () => {
    const { assessment, fired } = talk('helpline/self-check', { forced: ['sex'] });
    expect(fired).toContain('sexual_exploitation');
    expect(assessment?.referrals).toEqual([]);
    expect(assessment?.reasons.every((reason) => reason.refer === undefined)).toBe(true);
  });
});

describe('worried about someone who could be under 18', () => {
  it.each(['yes', 'unsure'])('uses the child rules when the age is not given and "under 18?" is answered %s', (minor) => {
    const { assessment, said } = talk('helpline/worried-about-someone', { age: SKIP, minor, signs_activity: ['sexual'] });
    expect(assessment).toMatchObject({ child: true, level: 'HIGH', referrals: ['child_protection'] });
    expect(said).toContain('advice_child');
  });

  it('uses the adult rules when the answer is no', () => {
    const { assessment } = talk('helpline/worried-about-someone', { age: SKIP, minor: 'no', signs_activity: ['sexual'] });
    expect(assessment).toMatchObject({ child: false, level: 'CONCERN', referrals: [] });
  });

  it('fires child-only indicators on a guess of under 18, as on a typed age', () => {
    const { fired } = talk('helpline/worried-about-someone', { age: SKIP, minor: 'unsure', signs_activity: ['left_school', 'with_non_parents'] });
    expect(fired).toEqual(expect.arrayContaining(['out_of_school', 'moved_by_non_parent']));
  });
});

describe('a marriage offer in check-an-offer', () => {
  it.each([
    ['a marriage offer', { offer: 'marriage' }],
    ['a quick marriage abroad among the warning signs', { red_flags: ['rushed_marriage'] }],
  ] as const)('gives a 16-year-old the advice for a child, never the advice for adults: %s', (_, answers) => {
    const { said, fired, assessment } = talk('helpline/check-an-offer', answers);
    expect(fired).toContain('child_marriage');
    expect(atLeastHigh(assessment?.level)).toBe(true);
    expect(said).toContain('tip_marriage_child');
    expect(said).not.toContain('tip_marriage');
  });

  it('never shows the advice for adults when the age was not given', () => {
    const { said } = talk('helpline/check-an-offer', { age: SKIP, offer: 'marriage' });
    expect(said).toContain('tip_marriage_child');
    expect(said).not.toContain('tip_marriage');
  });

  it('gives an adult the advice for adults, without the child-marriage indicator', () => {
    const { said, fired } = talk('helpline/check-an-offer', { age: '27', offer: 'marriage' });
    expect(said).toContain('tip_marriage');
    expect(said).not.toContain('tip_marriage_child');
    expect(fired).not.toContain('child_marriage');
  });
});

describe('the content gaps of the screening', () => {
  it.each([
    ['helpline/young-person', 'online grooming', { hurt: ['online_photos'] }, 'online_grooming'],
    ['helpline/young-person', 'sextortion', { hurt: ['photo_threat'] }, 'sextortion'],
    ['helpline/young-person', 'a debt for the journey', { money_phone: ['journey_debt'] }, 'debt_to_recruiter'],
    ['helpline/young-person', 'cut off from family', { money_phone: ['no_family'] }, 'isolated'],
    ['helpline/young-person', 'drugs or alcohol as control', { money_phone: ['drugs'] }, 'substances_control'],
    ['helpline/young-person', 'a partner demanding sex or images', { hurt: ['partner_asks'] }, 'partner_exploitation'],
    ['helpline/young-person', 'cannabis in a house they cannot leave', { made_to: ['cannabis'] }, 'cannabis_cultivation'],
    ['helpline/self-check', 'cannabis in a house they cannot leave', { forced: ['cannabis'] }, 'cannabis_cultivation'],
    ['helpline/self-check', 'not knowing the address', { sleep: 'unknown_address' }, 'isolated'],
    ['helpline/self-check', 'no contact with family', { threats: ['cut_off'] }, 'isolated'],
    ['helpline/self-check', 'drugs or alcohol as control', { threats: ['drugs'] }, 'substances_control'],
    ['helpline/self-check', 'the loverboy method', { threats: ['partner_pushes'] }, 'partner_exploitation'],
    ['helpline/self-check', 'organ removal', { forced: ['organ'] }, 'organ_removal'],
    ['helpline/self-check', 'sale of a newborn', { forced: ['baby'] }, 'newborn_sale'],
    ['helpline/self-check', 'a debt for the journey', { money: ['owe_debt'] }, 'debt_to_recruiter'],
    ['helpline/worried-about-someone', 'isolation', { signs_control: ['isolated'] }, 'isolated'],
    ['helpline/worried-about-someone', 'drugs or alcohol as control', { signs_control: ['drugs'] }, 'substances_control'],
    ['helpline/worried-about-someone', 'cannabis in a house they cannot leave', { signs_activity: ['cannabis'] }, 'cannabis_cultivation'],
    ['helpline/worried-about-someone', 'sale of a newborn', { age: '24', signs_activity: ['baby'] }, 'newborn_sale'],
    ['helpline/check-an-offer', 'money offered for an organ', { age: '30', red_flags: ['organ'] }, 'organ_removal'],
  ] as const)('%s: %s fires its indicator', (flowId, _, answers, indicator) => {
    expect(talk(flowId, answers).fired).toContain(indicator);
  });
});

describe('someone being moved now', () => {
  it('is urgent for an adult in the self-check', () => {
    const { urgent, end } = talk('helpline/self-check', { where: 'being_taken' });
    expect(urgent?.assessment).toMatchObject({ level: 'URGENT', child: false, reasons: [{ indicator: 'being_moved_now' }] });
    expect(end).toMatchObject({ outcome: 'urgent' });
  });

  it('is urgent when someone worried says the person is being taken away now, before any age is asked', () => {
    const { urgent, end, said } = talk('helpline/worried-about-someone', { now: 'being_taken' });
    expect(urgent?.assessment).toMatchObject({ level: 'URGENT', reasons: [{ indicator: 'being_moved_now' }] });
    expect(end).toMatchObject({ outcome: 'urgent' });
    expect(said).toContain('urgent');
  });
});
