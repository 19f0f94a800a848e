import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dutyState, isDuty, isNoAction } from '../../src/model/duty.js';

const rich = (text: string) => ({ text, html: text });

describe('duty classification', () => {
  test('empty cells and "None." are no duty; words that merely start alike are', () => {
    expect(dutyState(rich(''), 'customer')).toBe('empty');
    expect(isDuty(rich('None. IBM is fully responsible.'), 'customer')).toBe(false);
    expect(dutyState(rich('None. IBM is fully responsible.'), 'customer')).toBe('no-action');
    expect(isDuty(rich('N/A'), 'provider')).toBe(false);
    expect(isDuty(rich('Nonetheless, back up.'), 'customer')).toBe(true);
    expect(isDuty(rich('Notify IBM of changes.'), 'customer')).toBe(true);
    // In any case, after any space.
    for (const text of [' NOT APPLICABLE', 'Carry on as usual.', 'continue as usual', 'PERFORM YOUR TASKS AS USUAL', 'nothing']) {
      expect(dutyState(rich(text), 'provider'), text).toBe('no-action');
    }
  });

  test('the phrasings IBM pages use for "nothing to do"', () => {
    for (const text of [
      'None. IBM and Key Protect are fully responsible for managing disaster recovery.',
      'None, IBM does not render data unreadable to you.',
      'Perform tasks as usual.',
      'No action required.',
      'Not applicable',
      'IBM is fully responsible for backups.',
      'The Client is not responsible for, nor has access to, Operating System level activities.',
    ]) {
      expect(isNoAction(text, 'customer'), text).toBe(true);
    }
  });

  test('who is "fully responsible" decides whose cell is empty of duty', () => {
    // In IBM's own cell, "IBM is fully responsible" is IBM's duty.
    expect(isNoAction('IBM is fully responsible for backups.', 'provider')).toBe(false);
    expect(isNoAction('You are fully responsible for your keys.', 'provider')).toBe(true);
    expect(isNoAction('You are fully responsible for your keys.', 'customer')).toBe(false);
    expect(isNoAction('IBM is not responsible for your data.', 'provider')).toBe(true);
    expect(isNoAction('IBM is responsible for versioning the REST APIs.', 'provider')).toBe(false);
    expect(isNoAction('The Customer is responsible for ordering connectivity.', 'customer')).toBe(false);
  });

  test('over the corpus, only cells that say so are "no action"', async () => {
    const dir = path.resolve('../shared/corpus/ibm');
    const found = new Set<string>();
    for (const name of await readdir(dir)) {
      const text = await readFile(path.join(dir, name), 'utf8');
      for (const line of text.split('\n')) {
        if (!line.startsWith('|')) continue;
        for (const cellText of line.split('|').slice(1, -1)) {
          const plain = cellText.replace(/\{\{site\.data\.keyword\.[\w-]+\}\}/g, 'IBM').trim();
          if (plain !== '' && isNoAction(plain, 'customer')) found.add(plain.slice(0, 30));
        }
      }
    }
    // Every hit is one of the measured phrasings (and never a heading or a duty).
    for (const hit of found)
      expect(hit).toMatch(
        /^(None|N\/A|Perform tasks as usual|No action required|IBM and IBM are fully|The Client is not responsible)/,
      );
    expect(found.size).toBeGreaterThanOrEqual(4);
  });
});
