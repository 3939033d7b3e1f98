import type { CompiledFlow } from './catalog.js';

/** Mermaid label text: quotes and angle brackets as Mermaid's entity codes, on one line. */
const label = (text: string) => text.replace(/\s+/g, ' ').slice(0, 60).replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/**
 * A Mermaid flowchart of a flow, so authors can see its paths: questions as
 * boxes, messages as slanted boxes, ends as rounded ones; rules label their edges.
 * `describe` turns a step's text key into what to show (the key itself by default).
 */
export function toMermaid(compiled: CompiledFlow, describe: (key: string) => string = (key) => key): string {
  const lines = ['flowchart TD', `  start((start)) --> ${compiled.flow.start}`];
  for (const step of compiled.flow.steps) {
    const text = label(`${step.id}: ${describe(step.text)}`);
    if (step.type === 'end') lines.push(`  ${step.id}(["${text} → ${step.outcome}"])`);
    else if (step.type === 'message') lines.push(`  ${step.id}[/"${text}"/]`);
    else lines.push(`  ${step.id}["${step.type} · ${text}"]`);
    if (typeof step.next === 'string') lines.push(`  ${step.id} --> ${step.next}`);
    for (const rule of Array.isArray(step.next) ? step.next : []) {
      lines.push(rule.when ? `  ${step.id} -- "${label(rule.when)}" --> ${rule.goto}` : `  ${step.id} -- otherwise --> ${rule.goto}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
