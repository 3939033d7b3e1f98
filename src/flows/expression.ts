import jsep, { type Expression } from 'jsep';

/**
 * The small, safe expression language of flow conditions (`when:` in next rules,
 * flags and guards). jsep parses; this file evaluates a whitelist of node types,
 * so there is no eval and no access to anything but the names below.
 *
 *   answers.<step>    the answer's code (single, yesno: yes|no|unsure, scale),
 *                     codes (multi, a list), number, text, "skipped", "na", or
 *                     null when not answered
 *   score             the running risk score
 *   level             the risk level so far: INFO, CONCERN, HIGH or URGENT
 *   child             true when the person is under 18
 *   fired.<indicator> true when that indicator has fired
 *   <guard>           a named guard of the flow
 *   includes(list, value), answered(x)
 *   == != < <= > >= && || ! ( ) 'text' 12 true false null
 */
export type Value = string | number | boolean | null | readonly string[];

export interface Scope {
  answer(step: string): Value;
  score: number;
  level: string;
  child: boolean;
  fired(indicator: string): boolean;
  guard(name: string): boolean;
}

export type Reference = { kind: 'answer' | 'fired' | 'guard'; name: string };

const BINARY = new Set(['==', '!=', '<', '<=', '>', '>=', '&&', '||']);
const FUNCTIONS = new Set(['includes', 'answered']);

export class ExpressionError extends Error {}

const isNode = (value: unknown): value is Expression => typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
const sub = (value: unknown): Expression => {
  if (!isNode(value)) throw new ExpressionError('malformed condition');
  return value;
};
const nodes = (value: unknown): Expression[] => (Array.isArray(value) ? value.map(sub) : []);

export function parseExpression(source: string): Expression {
  try {
    return jsep(source);
  } catch (error) {
    throw new ExpressionError(`cannot parse "${source}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every name an expression refers to, so the loader can check them before anyone runs it. */
export function references(node: Expression): Reference[] {
  switch (node.type) {
    case 'Literal':
      return [];
    case 'Identifier': {
      const name = String(node.name);
      return name === 'score' || name === 'level' || name === 'child' ? [] : [{ kind: 'guard', name }];
    }
    case 'MemberExpression': {
      const object = sub(node.object);
      const property = sub(node.property);
      if (node.computed || object.type !== 'Identifier' || property.type !== 'Identifier') {
        throw new ExpressionError('only answers.<step> and fired.<indicator> may use a dot');
      }
      if (object.name === 'answers') return [{ kind: 'answer', name: String(property.name) }];
      if (object.name === 'fired') return [{ kind: 'fired', name: String(property.name) }];
      throw new ExpressionError(`unknown name "${String(object.name)}"; use answers.<step> or fired.<indicator>`);
    }
    case 'UnaryExpression':
      if (node.operator !== '!') throw new ExpressionError(`operator "${String(node.operator)}" is not allowed`);
      return references(sub(node.argument));
    case 'BinaryExpression':
      if (!BINARY.has(String(node.operator))) throw new ExpressionError(`operator "${String(node.operator)}" is not allowed`);
      return [...references(sub(node.left)), ...references(sub(node.right))];
    case 'CallExpression': {
      const callee = sub(node.callee);
      if (callee.type !== 'Identifier' || !FUNCTIONS.has(String(callee.name))) {
        throw new ExpressionError(`only ${[...FUNCTIONS].join(' and ')} may be called`);
      }
      return nodes(node.arguments).flatMap(references);
    }
    default:
      throw new ExpressionError(`"${node.type}" is not allowed in a condition`);
  }
}

const truthy = (value: Value): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

function compare(operator: string, left: Value, right: Value): boolean {
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  // Ordering only between numbers: a skipped or missing answer is never "less than 18".
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  return left >= right;
}

export function evaluate(node: Expression, scope: Scope): Value {
  switch (node.type) {
    case 'Literal': {
      const value = node.value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : null;
    }
    case 'Identifier':
      if (node.name === 'score') return scope.score;
      if (node.name === 'level') return scope.level;
      if (node.name === 'child') return scope.child;
      return scope.guard(String(node.name));
    case 'MemberExpression': {
      const object = sub(node.object).name;
      const property = String(sub(node.property).name);
      return object === 'answers' ? scope.answer(property) : scope.fired(property);
    }
    case 'UnaryExpression':
      return !truthy(evaluate(sub(node.argument), scope));
    case 'BinaryExpression': {
      const operator = String(node.operator);
      if (operator === '&&') return truthy(evaluate(sub(node.left), scope)) && truthy(evaluate(sub(node.right), scope));
      if (operator === '||') return truthy(evaluate(sub(node.left), scope)) || truthy(evaluate(sub(node.right), scope));
      return compare(operator, evaluate(sub(node.left), scope), evaluate(sub(node.right), scope));
    }
    case 'CallExpression': {
      const args = nodes(node.arguments).map((argument) => evaluate(argument, scope));
      if (sub(node.callee).name === 'answered') return args[0] !== null && args[0] !== undefined && args[0] !== 'skipped';
      const [list, value] = args;
      return Array.isArray(list) ? list.includes(String(value)) : list === value;
    }
    default:
      throw new ExpressionError(`"${node.type}" is not allowed in a condition`);
  }
}

export const holds = (node: Expression, scope: Scope): boolean => truthy(evaluate(node, scope));
