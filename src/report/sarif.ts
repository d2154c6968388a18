import { createHash } from 'node:crypto';
import { type Diagnostic, type FileError, markedWidth } from '../check/diagnostic.js';
import { RULE_CODES, RULES, type RuleCode } from '../rules.js';
import type { CheckReport } from '../run.js';

/**
 * The report as a SARIF 2.1.0 log with one run, for code-scanning uploads (GitHub's `upload-sarif`, GitLab, IDE viewers).
 * Every rule is described, so consumers can show help for a code before it fires. `--fix`'s edit is not a SARIF `fix`: it
 * holds only while its guard lines are unchanged, which a SARIF replacement cannot say (`--format json` carries it).
 */
export function renderSarif(report: CheckReport, tool: { version: string }): string {
  const fingerprints = new Fingerprints();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'txboundary',
            version: tool.version,
            rules: RULE_CODES.map(describeRule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map(notification),
          },
        ],
        // Diagnostic columns count Unicode code points, not SARIF's default UTF-16 code units.
        columnKind: 'unicodeCodePoints',
        results: report.diagnostics.map((d) => result(d, fingerprints.next(d))),
        properties: { filesChecked: report.filesChecked, functionsChecked: report.functionsChecked },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The plain-text account of a finding, shared with the GitHub reporter. */
export function plainMessage(d: Diagnostic): string {
  const lines = [d.message];
  if (d.reason) lines.push(`evidence: ${d.reason}`);
  if (d.suggestion) lines.push(`help: ${helpLine(d)}:`, ...d.suggestion.split('\n'));
  else lines.push(`help: ${helpLine(d)}`);
  return lines.join('\n');
}

function helpLine(d: Diagnostic): string {
  const help: string = RULES[d.code].help;
  return d.pattern ? `${help} (Pattern ${d.pattern})` : help;
}

function describeRule(code: RuleCode) {
  const { title, help, blocksByDefault } = RULES[code];
  return {
    id: code,
    name: pascalCase(title),
    shortDescription: { text: capitalize(title) },
    fullDescription: { text: `${capitalize(title)}. ${capitalize(help)}.` },
    help: { text: `${capitalize(help)}.`, markdown: `${escapeMarkdown(capitalize(help))}.` },
    defaultConfiguration: { level: blocksByDefault ? 'error' : 'warning' },
  };
}

function result(d: Diagnostic, fingerprint: string) {
  const name = d.function?.split('.').at(-1);
  return {
    ruleId: d.code,
    ruleIndex: RULE_CODES.indexOf(d.code),
    level: d.severity,
    message: { text: plainMessage(d), markdown: markdownMessage(d) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(d.file),
          region: { startLine: d.line, startColumn: d.column, endColumn: d.column + markedWidth(d) },
        },
        ...(d.function ? { logicalLocations: [{ fullyQualifiedName: d.function, name, kind: 'function' }] } : {}),
      },
    ],
    partialFingerprints: { 'txboundaryFunction/v1': fingerprint },
    ...(d.suggestion ? { properties: { pattern: d.pattern, evidence: d.evidence, suggestion: d.suggestion } } : {}),
  };
}

function markdownMessage(d: Diagnostic): string {
  const parts = [d.message];
  if (d.reason) parts.push(`**evidence:** ${escapeMarkdown(d.reason)}`);
  if (d.suggestion) parts.push(`**help:** ${escapeMarkdown(helpLine(d))}:`, fenced(d.help.code));
  else parts.push(`**help:** ${escapeMarkdown(helpLine(d))}`);
  return parts.join('\n\n');
}

/** A fenced code block whose fence is longer than any backtick run in the text (CommonMark §4.5). */
function fenced(lines: string[]): string {
  const longestRun = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}text`, ...lines, fence].join('\n');
}

function notification(error: FileError) {
  return {
    level: 'warning',
    message: { text: `not checked: ${error.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(error.file) } }],
  };
}

function artifactLocation(file: string) {
  return { uri: toUriReference(file), uriBaseId: '%SRCROOT%' };
}

/**
 * A repo-relative path as a relative URI reference (RFC 3986 §4.2): each segment keeps only `pchar` characters and
 * percent-encodes the rest as UTF-8, `:` included, since a colon in the first segment would read as a scheme (`a:b.py`).
 * Spaces, `%`, `#`, `?`, `\`, newlines and non-ASCII characters are all encoded; `/` stays the separator.
 */
function toUriReference(file: string): string {
  return file.split('/').map(encodeSegment).join('/');
}

const SEGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=@]$/;
const utf8 = new TextEncoder();

function encodeSegment(segment: string): string {
  let encoded = '';
  for (const char of segment) {
    if (SEGMENT_SAFE.test(char)) encoded += char;
    else for (const byte of utf8.encode(char)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/**
 * A finding's identity that survives moving the code: a hash of the code, file and function, not the line.
 * Repeats of a key in one report (a property's getter and setter share a name) get `:2`, `:3`… to keep their own.
 */
class Fingerprints {
  readonly #seen = new Map<string, number>();

  next(d: Diagnostic): string {
    const key = `${d.code}:${d.file}:${d.function ?? ''}`;
    const count = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, count);
    return createHash('sha256')
      .update(count === 1 ? key : `${key}:${count}`)
      .digest('hex');
  }
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(capitalize)
    .join('');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Backslash-escapes the characters that could start inline markup in free text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, '\\$&');
}
