import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../../src/flows/graph.js';
import { flowFrom } from '../../support/flows.js';
import { FLOW, SET } from './fixtures.js';

describe('toMermaid', () => {
  const graph = toMermaid(flowFrom(FLOW, SET));

  it('draws every step with its kind and every way between them', () => {
    expect(graph.startsWith('flowchart TD\n  start((start)) --> hello\n')).toBe(true);
    expect(graph).toContain('  hello[/"hello: hello"/]');
    expect(graph).toContain('  safe["single · safe: safe.text"]');
    expect(graph).toContain('  handed(["handed: handed → handoff_requested"])');
    expect(graph).toContain('  safe --> age');
    expect(graph).toContain('  work -- "young" --> school');
    expect(graph).toContain('  work -- otherwise --> promised');
    expect(graph).toContain('  promised -- "score #gt;= 6" --> consent');
    expect(graph).toContain(`  consent -- "answers.consent == 'agree'" --> handed`);
  });

  it('shows texts in a language when asked, without characters that would break the chart', () => {
    const shown = toMermaid(flowFrom(FLOW, SET), (key) => (key === 'safe.text' ? 'Can you talk "safely" [now]?' : key));
    expect(shown).toContain('safe["single · safe: Can you talk #quot;safely#quot; [now]?"]');
  });
});
