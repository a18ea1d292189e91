import type { CallbackRuleView } from '@console/shared/api';
import type { CallbackRule } from '../../config/environments-file';

export { isBeforeCallback } from '@console/shared/api';

export interface RuleDecision {
  /** The rule's name (or `#n`, its place in the list); null when no rule matched. */
  rule: string | null;
  answer: Record<string, unknown>;
  reason: string;
}

const okAnswer = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

export function ruleName(rule: CallbackRule, index: number): string {
  return rule.name ?? `#${index + 1}`;
}

function commandMatches(pattern: string, command: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return command.startsWith(pattern.slice(0, -1));
  return pattern === command;
}

/** The value at a dotted path (`MsgBody.0.MsgContent.Text`); array steps are indexes. */
export function valueAt(body: unknown, path: string): unknown {
  let here: unknown = body;
  for (const step of path.split('.')) {
    if (Array.isArray(here)) {
      if (!/^\d+$/.test(step)) return undefined;
      here = here[Number(step)];
    } else if (typeof here === 'object' && here !== null) {
      here = Object.hasOwn(here, step) ? (here as Record<string, unknown>)[step] : undefined;
    } else {
      return undefined;
    }
  }
  return here;
}

function bodyMatches(rule: CallbackRule, body: Record<string, unknown>): boolean {
  const { match } = rule;
  if (match === undefined) return true;
  const value = valueAt(body, match.path);
  if (match.equals !== undefined) return value === match.equals;
  if (match.contains !== undefined) {
    return typeof value === 'string' && value.toLowerCase().includes(match.contains.toLowerCase());
  }
  return false;
}

/**
 * The answer to a "before" callback: the first rule whose command and match fit decides; none fits,
 * the callback is allowed. Deny answers a non-zero ErrorCode (1 unless the rule gives one), which
 * Tencent reports to the sender (C2C 20006, group 10016); rewrite answers OK with the rule's fields.
 */
export function decide(
  rules: readonly CallbackRule[],
  command: string,
  body: Record<string, unknown>,
): RuleDecision {
  for (const [index, rule] of rules.entries()) {
    if (!commandMatches(rule.command, command) || !bodyMatches(rule, body)) continue;
    const name = ruleName(rule, index);
    switch (rule.action) {
      case 'allow':
        return { rule: name, answer: { ...okAnswer }, reason: `allowed by rule "${name}"` };
      case 'deny':
        return {
          rule: name,
          answer: { ActionStatus: 'OK', ErrorCode: rule.errorCode ?? 1, ErrorInfo: rule.errorInfo ?? '' },
          reason: `denied by rule "${name}"`,
        };
      case 'rewrite':
        return {
          rule: name,
          answer: { ...rule.answer, ...okAnswer },
          reason: `rewritten by rule "${name}"`,
        };
    }
  }
  return { rule: null, answer: { ...okAnswer }, reason: 'allowed by default (no rule matched)' };
}

/** What the inspector shows of a rule. */
export function describeRule(rule: CallbackRule, index: number): CallbackRuleView {
  const { match } = rule;
  let text: string | null = null;
  if (match?.equals !== undefined) text = `${match.path} = ${JSON.stringify(match.equals)}`;
  else if (match?.contains !== undefined) text = `${match.path} contains ${JSON.stringify(match.contains)}`;
  return { name: ruleName(rule, index), command: rule.command, action: rule.action, match: text };
}
