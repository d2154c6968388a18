import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/check/diagnostic.js';
import { RULE_CODES, RULES } from '../../../src/rules.js';
import { renderSarif } from '../../../src/report/sarif.js';
import { finding, report, SUGGESTION, syntaxError } from '../../helpers/report-fixture.js';

/** Parses the output and checks what SARIF 2.1.0 requires of every log, run and result. */
function parse(output: string) {
  expect(output.endsWith('\n')).toBe(true);
  const log = JSON.parse(output);
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  expect(run.tool.driver.name).toBe('txboundary');
  expect(run.columnKind).toBe('unicodeCodePoints');
  for (const result of run.results) {
    expect(typeof result.message.text).toBe('string');
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(result.level);
    expect(result.locations).toHaveLength(1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(region.startLine).toBeGreaterThanOrEqual(1);
    expect(region.endColumn).toBeGreaterThan(region.startColumn);
  }
  return run;
}

/** RFC 3986 relative-part path: segments of pchar (no `:` in the first, which would read as a scheme). */
const RELATIVE_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})+(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=@:]|%[0-9A-F]{2})*)*$/;

describe('renderSarif', () => {
  it('describes the tool and every rule of the table, in order, with help and default level', () => {
    const run = parse(renderSarif(report(), { version: '1.2.3' }));
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULE_CODES);
    for (const [index, code] of RULE_CODES.entries()) {
      const rule = run.tool.driver.rules[index];
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.shortDescription.text.toLowerCase()).toBe(RULES[code].title.toLowerCase());
      expect(rule.fullDescription.text.toLowerCase()).toContain(RULES[code].help.toLowerCase());
      expect(rule.help.text.toLowerCase()).toContain(RULES[code].help.toLowerCase());
      expect(rule.help.markdown.length).toBeGreaterThan(0);
      expect(rule.defaultConfiguration.level).toBe(RULES[code].blocksByDefault ? 'error' : 'warning');
    }
    expect(run.tool.driver.rules[RULE_CODES.indexOf('TXB001')].name).toBe('ModifiedPublicFunctionHasNoTransactionBoundarySection');
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('reports a finding with its location, function, fingerprint and suggested section', () => {
    const run = parse(renderSarif(report({ diagnostics: [finding()] }), { version: '0.1.0' }));
    const [result] = run.results;
    expect(result.ruleId).toBe('TXB001');
    expect(result.ruleIndex).toBe(RULE_CODES.indexOf('TXB001'));
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'services/orders.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 9, endColumn: 9 + 'create_order'.length },
    });
    expect(result.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'OrderService.create_order', name: 'create_order', kind: 'function' }]);
    expect(result.partialFingerprints).toEqual({
      'txboundaryFunction/v1': createHash('sha256').update('TXB001:services/orders.py:OrderService.create_order').digest('hex'),
    });
    expect(result.properties).toEqual({ pattern: 'C', evidence: finding().evidence, suggestion: SUGGESTION });
    expect(result.fixes).toBeUndefined();

    expect(result.message.text.split('\n')).toEqual([finding().message, `evidence: ${finding().reason}`, 'help: add the section below to the docstring (Pattern C):', ...SUGGESTION.split('\n')]);
  });

  it('puts the section to paste, at the docstring indentation, in a fenced block of the markdown message', () => {
    const run = parse(renderSarif(report({ diagnostics: [finding()] }), { version: '0.1.0' }));
    const markdown: string = run.results[0].message.markdown;
    expect(markdown.startsWith(finding().message)).toBe(true);
    expect(markdown).toContain('**evidence:** session.add (line 20), 1 call passing the session → Pattern C');
    const block = /^```text\n([\s\S]*?)\n```$/m.exec(markdown);
    expect(block?.[1]?.split('\n')).toEqual(finding().help.code);
  });

  it('lengthens the fence past any backtick run in a custom template', () => {
    const suggestion = 'Transaction boundary: see ```docs``` and ````more````.';
    const run = parse(renderSarif(report({ diagnostics: [finding({ suggestion, help: { text: 'paste this', code: [`    ${suggestion}`] } })] }), { version: '0' }));
    const markdown: string = run.results[0].message.markdown;
    expect(markdown).toContain(`\`\`\`\`\`text\n    ${suggestion}\n\`\`\`\`\``);
  });

  it('escapes markdown in the evidence', () => {
    const run = parse(renderSarif(report({ diagnostics: [finding({ reason: 'db_session.add(*rows) [x] <y> → Pattern B' })] }), { version: '0' }));
    expect(run.results[0].message.markdown).toContain('**evidence:** db\\_session.add(\\*rows) \\[x\\] \\<y\\> → Pattern B');
  });

  it('gives a warning-severity finding the warning level', () => {
    const run = parse(renderSarif(report({ diagnostics: [finding({ code: 'TXB003', severity: 'warning' })] }), { version: '0' }));
    expect(run.results[0]).toMatchObject({ ruleId: 'TXB003', ruleIndex: RULE_CODES.indexOf('TXB003'), level: 'warning' });
  });

  it('reports a syntax error without a function, suggestion or properties, marking one character', () => {
    const run = parse(renderSarif(report({ diagnostics: [syntaxError] }), { version: '0' }));
    const [result] = run.results;
    expect(result.ruleId).toBe('TXB000');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 14, endColumn: 15 });
    expect(result.locations[0].logicalLocations).toBeUndefined();
    expect(result.properties).toBeUndefined();
    expect(result.message.text).toBe(`${syntaxError.message}\nhelp: ${RULES.TXB000.help}`);
    expect(result.message.markdown).not.toContain('```');
  });

  it('counts the end column in code points after a non-ASCII name', () => {
    const run = parse(renderSarif(report({ diagnostics: [finding({ function: 'Zähler.erhöhen_𝔵', column: 5 })] }), { version: '0' }));
    expect(run.results[0].locations[0].physicalLocation.region.endColumn).toBe(5 + 9);
  });

  it('percent-encodes odd file names into relative URI references that decode back', () => {
    const names = [
      'dir with space/file name.py',
      'a:b.py',
      'x/y:z,w.py',
      '100%/done%20.py',
      'q?/h#1.py',
      'line\nbreak.py',
      'back\\slash.py',
      'ünïcödé/κώδικας.py',
      'emoji/😀.py',
      '[brackets]/{braces}.py',
    ];
    const diagnostics = names.map((file) => finding({ file }));
    const run = parse(renderSarif(report({ diagnostics }), { version: '0' }));
    const uris: string[] = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    for (const [index, uri] of uris.entries()) {
      expect(uri).toMatch(RELATIVE_PATH);
      expect(decodeURIComponent(uri)).toBe(names[index]);
      expect(new URL(uri, 'file:///repo/').href.startsWith('file:///repo/')).toBe(true);
    }
    expect(uris.slice(0, 5)).toEqual(['dir%20with%20space/file%20name.py', 'a%3Ab.py', 'x/y%3Az,w.py', '100%25/done%2520.py', 'q%3F/h%231.py']);
    expect(uris[7]).toBe('%C3%BCn%C3%AFc%C3%B6d%C3%A9/%CE%BA%CF%8E%CE%B4%CE%B9%CE%BA%CE%B1%CF%82.py');
  });

  it('keeps a fingerprint when the function moves and tells apart other functions and repeated names', () => {
    const fingerprint = (d: Diagnostic[]) =>
      parse(renderSarif(report({ diagnostics: d }), { version: '0' })).results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['txboundaryFunction/v1']);
    const [before] = fingerprint([finding({ line: 12 })]);
    const [after] = fingerprint([finding({ line: 40, column: 5 })]);
    expect(after).toBe(before);
    const [other, rule, file] = fingerprint([finding({ function: 'OrderService.cancel' }), finding({ code: 'TXB002' }), finding({ file: 'services/other.py' })]);
    expect(new Set([before, other, rule, file]).size).toBe(4);
    const [getter, setter] = fingerprint([finding({ function: 'Order.total' }), finding({ function: 'Order.total', line: 30 })]);
    expect(getter).not.toBe(setter);
    for (const hash of [before, getter, setter]) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports files that were not checked as tool notifications of a successful run', () => {
    const errors = [
      { file: 'legacy/latin1 file.py', reason: 'the file is not valid UTF-8' },
      { file: 'services/x.py', reason: 'syntax error at line 3 (invalid syntax), outside the staged change; the rest of the file was checked' },
    ];
    const run = parse(renderSarif(report({ errors }), { version: '0' }));
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual(
      errors.map((error) => ({
        level: 'warning',
        message: { text: `not checked: ${error.reason}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: error.file.replace(' ', '%20'), uriBaseId: '%SRCROOT%' } } }],
      })),
    );
  });

  it('records the counts of what was checked in the run properties', () => {
    const run = parse(renderSarif(report({ filesChecked: 3, functionsChecked: 7 }), { version: '0' }));
    expect(run.properties).toEqual({ filesChecked: 3, functionsChecked: 7 });
  });
});
