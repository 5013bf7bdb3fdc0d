/**
 * Positions inside a larger piece of text, for findings on a value that also
 * occurs elsewhere in a manifest (a region in a flow list, a number).
 */
import { rangeOf } from '../helpers';

/** The range of `needle` inside the first occurrence of `context` (both on one line). */
export function within(text: string, context: string, needle: string) {
  const outer = rangeOf(text, context);
  const offset = context.indexOf(needle);
  if (offset === -1 || context.includes('\n')) throw new Error(`"${needle}" is not on the line "${context}"`);
  return { line: outer.line, column: outer.column + offset, endLine: outer.line, endColumn: outer.column + offset + needle.length };
}

/** A finding record of `ruleId`/`messageId` at `needle` inside `context`. */
export function atWithin(ruleId: string, messageId: string, text: string, context: string, needle: string) {
  return { ruleId, messageId, ...within(text, context, needle) };
}

/** A valid waiver of `rule` (approved by someone who is not an owner, expiring after AS_OF). */
export function waiverOf(rule: string) {
  return {
    rule,
    reason: 'Compensating control agreed with the security team until the vendor delivers',
    approvedBy: 'ciso@example.com',
    ticket: 'SEC-4711',
    expires: '2027-02-15',
  };
}
