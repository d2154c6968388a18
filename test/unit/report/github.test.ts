import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/rules.js';
import { renderGithub } from '../../../src/report/github.js';
import type { CheckReport } from '../../../src/run.js';
import { finding, report, SUGGESTION, syntaxError } from '../../helpers/report-fixture.js';

interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Undoes the runner's escaping in one pass, so `%250A` stays a literal `%0A`. */
function unescapeCommand(text: string): string {
  const codes: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (code) => codes[code] ?? code);
}

/** Reads the output as the Actions runner does: `::command k=v,k=v::message` lines, and plain log lines. */
function parse(output: string): { commands: WorkflowCommand[]; log: string[] } {
  expect(output.endsWith('\n')).toBe(true);
  const commands: WorkflowCommand[] = [];
  const log: string[] = [];
  for (const line of output.slice(0, -1).split('\n')) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) {
      log.push(line);
      continue;
    }
    const [, command = '', list, message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of list ? list.split(',') : []) {
      const equals = pair.indexOf('=');
      expect(equals).toBeGreaterThan(0);
      properties[pair.slice(0, equals)] = unescapeCommand(pair.slice(equals + 1));
    }
    expect(message).not.toMatch(/[\r\n]/);
    commands.push({ command, properties, message: unescapeCommand(message) });
  }
  return { commands, log };
}

describe('renderGithub', () => {
  it('annotates a finding at the function name with its code, title, evidence and section', () => {
    const { commands, log } = parse(renderGithub(report({ diagnostics: [finding()] })));
    expect(commands).toEqual([
      {
        command: 'error',
        properties: {
          file: 'services/orders.py',
          line: '12',
          col: '9',
          endColumn: String(9 + 'create_order'.length),
          title: `TXB001 ${RULES.TXB001.title}`,
        },
        message: [finding().message, `evidence: ${finding().reason}`, 'help: add the section below to the docstring (Pattern C):', ...SUGGESTION.split('\n')].join('\n'),
      },
    ]);
    expect(log).toHaveLength(1);
  });

  it('uses the warning command for a warning-severity finding', () => {
    const { commands } = parse(renderGithub(report({ diagnostics: [finding({ code: 'TXB003', severity: 'warning' })] })));
    expect(commands[0]?.command).toBe('warning');
    expect(commands[0]?.properties.title).toBe(`TXB003 ${RULES.TXB003.title}`);
  });

  it('annotates a syntax error without an end column or a section', () => {
    const { commands } = parse(renderGithub(report({ diagnostics: [{ ...syntaxError, file: 'services/orders.py' }] })));
    expect(commands[0]?.properties).toEqual({ file: 'services/orders.py', line: '3', col: '14', title: `TXB000 ${RULES.TXB000.title}` });
    expect(commands[0]?.message).toBe(`${syntaxError.message}\nhelp: ${RULES.TXB000.help}`);
  });

  it('escapes odd file names and messages so each command stays one line and reads back exactly', () => {
    const names = ['dir with space/a,b.py', 'x:y/z::w.py', '100%25 %0A.py', 'line\nbreak\r.py', 'ünïcödé/κώδικας 😀.py', 'key=value/,=:.py'];
    const reason = 'uses 100% of %0A :: a, b → Pattern B';
    const suggestion = 'Transaction boundary: Single operation, automatically atomic.\r\n    50% off, see::this';
    const diagnostics = names.map((file) => finding({ file, reason, suggestion }));
    const errors = names.map((file) => ({ file, reason: 'the file is not valid UTF-8: byte 0x92 at 1:4' }));
    const output = renderGithub(report({ diagnostics, errors }));
    expect(output.split('\n')).toHaveLength(names.length * 2 + 2);
    const { commands, log } = parse(output);
    expect(log).toHaveLength(1);
    expect(commands.map((c) => c.properties.file)).toEqual([...names, ...names]);
    for (const annotation of commands.slice(0, names.length)) {
      expect(annotation.message).toContain(`evidence: ${reason}\n`);
      expect(annotation.message.endsWith(`:\n${suggestion}`)).toBe(true);
      expect(annotation.properties.title).toBe(`TXB001 ${RULES.TXB001.title}`);
    }
  });

  it('warns about each file that was not checked', () => {
    const errors = [{ file: 'legacy/old.py', reason: 'the file is not valid UTF-8' }];
    const { commands } = parse(renderGithub(report({ errors, filesChecked: 2, functionsChecked: 0 })));
    expect(commands).toEqual([{ command: 'warning', properties: { file: 'legacy/old.py' }, message: 'not checked: the file is not valid UTF-8' }]);
  });

  it('ends with a plain summary line after the commands', () => {
    const summary = (r: CheckReport) => {
      const output = renderGithub(r);
      const last = output.trimEnd().split('\n').at(-1) ?? '';
      expect(last.startsWith('::')).toBe(false);
      expect(last.includes('\u001b')).toBe(false);
      return last;
    };
    expect(summary(report({ diagnostics: [finding(), finding({ file: 'b.py' }), finding({ severity: 'warning' })], filesChecked: 2, functionsChecked: 5 }))).toBe(
      '✖ txboundary: 2 problems in 2 files block this change and 1 warning; 5 public functions in 2 Python files checked. Add the suggested sections to the docstrings and commit again.',
    );
    expect(summary(report({ diagnostics: [finding()] }))).toMatch(/^✖ txboundary: 1 problem in 1 file blocks this change; 1 public function in 1 Python file checked\./);
    expect(summary(report({ diagnostics: [finding({ severity: 'warning' })], functionsChecked: 3 }))).toBe('⚠ txboundary: 1 warning (not blocking); 3 public functions in 1 Python file checked.');
    expect(summary(report({ filesChecked: 2, functionsChecked: 4 }))).toBe('✔ txboundary: 4 public functions in 2 Python files checked, all documented.');
    expect(summary(report({ filesChecked: 0, functionsChecked: 0 }))).toBe('txboundary: no Python files to check.');
    expect(
      summary(
        report({
          errors: [
            { file: 'a.py', reason: 'x' },
            { file: 'a.py', reason: 'y' },
          ],
        }),
      ),
    ).toBe('✔ txboundary: 1 public function in 1 Python file checked, all documented. 1 file could not be fully checked (see the warnings above).');
  });
});
