import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { loadConfig } from '../../../src/config/load.js';
import { UserError } from '../../../src/errors.js';

let top: string;

beforeEach(() => {
  top = mkdtempSync(path.join(realpathSync(tmpdir()), 'txb-config-'));
});

afterEach(() => {
  rmSync(top, { recursive: true, force: true });
});

function write(relative: string, text: string): void {
  const file = path.join(top, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

async function failure(run: Promise<unknown>): Promise<UserError> {
  const error = await run.then(
    () => new Error('expected a UserError'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const PACKAGE_WITHOUT_KEY = JSON.stringify({ name: 'app', devDependencies: { txboundary: '^0.1.0' } });

describe('loadConfig: finding the source', () => {
  it('uses the defaults when there is nothing to read', async () => {
    expect(await loadConfig({ topLevel: top, cwd: top })).toEqual({ config: DEFAULT_CONFIG, source: null });
  });

  it('takes .txboundaryrc.json before package.json and pyproject.toml', async () => {
    write('.txboundaryrc.json', '{"section": "From rc"}');
    write('package.json', JSON.stringify({ txboundary: { section: 'From package' } }));
    write('pyproject.toml', '[tool.txboundary]\nsection = "From pyproject"\n');
    const loaded = await loadConfig({ topLevel: top, cwd: top });
    expect(loaded.source).toBe('.txboundaryrc.json');
    expect(loaded.config.section).toBe('From rc');
  });

  it('takes the txboundary key of package.json before pyproject.toml', async () => {
    write('package.json', JSON.stringify({ name: 'app', txboundary: { rules: { TXB002: 'warn' } } }));
    write('pyproject.toml', '[tool.txboundary]\nsection = "From pyproject"\n');
    const loaded = await loadConfig({ topLevel: top, cwd: top });
    expect(loaded.source).toBe('package.json#txboundary');
    expect(loaded.config.rules.TXB002).toBe('warn');
    expect(loaded.config.section).toBe(DEFAULT_CONFIG.section);
  });

  it('skips a package.json without the key and reads [tool.txboundary], snake_case and kebab-case included', async () => {
    write('package.json', PACKAGE_WITHOUT_KEY);
    write(
      'pyproject.toml',
      [
        '[project]',
        'name = "app"',
        '',
        '[tool.txboundary]',
        'include = ["src/services/**"]',
        'exclude = []',
        'respect-all = false',
        '',
        '[tool.txboundary.rules]',
        'TXB003 = "off"',
        '',
        '[tool.txboundary.templates]',
        'C = """',
        'Atomic.',
        'Steps:',
        '    {steps}"""',
      ].join('\n'),
    );
    const loaded = await loadConfig({ topLevel: top, cwd: top });
    expect(loaded.source).toBe('pyproject.toml#tool.txboundary');
    expect(loaded.config).toEqual({
      ...DEFAULT_CONFIG,
      include: ['src/services/**'],
      exclude: [],
      respectAll: false,
      rules: { ...DEFAULT_CONFIG.rules, TXB003: 'off' },
      templates: { C: 'Atomic.\nSteps:\n    {steps}' },
    });
  });

  it('skips a pyproject.toml without the table, and one that never mentions txboundary even when it is not valid TOML', async () => {
    write('pyproject.toml', '[tool.ruff]\nline-length = 100\n');
    expect((await loadConfig({ topLevel: top, cwd: top })).source).toBeNull();
    write('pyproject.toml', '[tool.ruff\n');
    expect((await loadConfig({ topLevel: top, cwd: top })).source).toBeNull();
  });

  it('reports a syntax error in a pyproject.toml that may hold the settings', async () => {
    write('pyproject.toml', '[tool.txboundary]\nsection = \n');
    const error = await failure(loadConfig({ topLevel: top, cwd: top }));
    expect(error.message).toMatch(/^pyproject\.toml:2:\d+: invalid TOML: /);
  });

  it('reports a syntax error in .txboundaryrc.json with its position', async () => {
    write('.txboundaryrc.json', '{\n  "section": "Tx",\n}\n');
    const error = await failure(loadConfig({ topLevel: top, cwd: top }));
    expect(error.message).toBe('.txboundaryrc.json:2:18: invalid JSON: trailing comma before "}"');
  });

  it('treats a directory in place of a config file as an error', async () => {
    mkdirSync(path.join(top, '.txboundaryrc.json'));
    const error = await failure(loadConfig({ topLevel: top, cwd: top }));
    expect(error.message).toBe('.txboundaryrc.json is a directory, not a config file');
  });

  it('shows a file outside the current directory by its absolute path', async () => {
    write('.txboundaryrc.json', '{"colour": true}');
    mkdirSync(path.join(top, 'src'));
    const error = await failure(loadConfig({ topLevel: top, cwd: path.join(top, 'src') }));
    expect(error.message).toMatch(new RegExp(`^${path.join(top, '.txboundaryrc.json').replaceAll(/[.\\]/g, '\\$&')}: colour is not a known key`));
  });
});

describe('loadConfig: --config', () => {
  it('reads a JSON file relative to the current directory, ignoring the implicit sources', async () => {
    write('.txboundaryrc.json', '{"section": "From rc"}');
    write('config/strict.json', '{"rules": {"TXB001": "warn"}}');
    const loaded = await loadConfig({ topLevel: top, cwd: path.join(top, 'config'), explicitPath: 'strict.json' });
    expect(loaded.source).toBe('strict.json');
    expect(loaded.config.rules.TXB001).toBe('warn');
    expect(loaded.config.section).toBe(DEFAULT_CONFIG.section);
  });

  it('reads a .toml file as a whole, with TOML spellings', async () => {
    write('txboundary.toml', 'respect_all = false\nsection = "Tx"\n');
    const loaded = await loadConfig({ topLevel: top, cwd: top, explicitPath: path.join(top, 'txboundary.toml') });
    expect(loaded.source).toBe('txboundary.toml');
    expect(loaded.config).toMatchObject({ respectAll: false, section: 'Tx' });
  });

  it('reads [tool.txboundary] of an explicit pyproject.toml and the key of an explicit package.json', async () => {
    write('backend/pyproject.toml', '[tool.txboundary]\nsection = "Backend"\n');
    write('web/package.json', JSON.stringify({ txboundary: { section: 'Web' } }));
    const backend = await loadConfig({ topLevel: top, cwd: top, explicitPath: 'backend/pyproject.toml' });
    expect(backend).toMatchObject({ source: 'backend/pyproject.toml#tool.txboundary', config: { section: 'Backend' } });
    const web = await loadConfig({ topLevel: top, cwd: top, explicitPath: 'web/package.json' });
    expect(web).toMatchObject({ source: 'web/package.json#txboundary', config: { section: 'Web' } });
  });

  it('fails when an explicit package.json or pyproject.toml lacks the settings', async () => {
    write('package.json', PACKAGE_WITHOUT_KEY);
    write('pyproject.toml', '[project]\nname = "app"\n');
    expect((await failure(loadConfig({ topLevel: top, cwd: top, explicitPath: 'package.json' }))).message).toBe('package.json has no "txboundary" key');
    expect((await failure(loadConfig({ topLevel: top, cwd: top, explicitPath: 'pyproject.toml' }))).message).toBe('pyproject.toml has no [tool.txboundary] table');
  });

  it('fails when the file does not exist, saying where it looked', async () => {
    const error = await failure(loadConfig({ topLevel: top, cwd: top, explicitPath: 'missing.json' }));
    expect(error.message).toBe('config file missing.json does not exist');
    expect(error.hint).toBe(`--config is relative to the current directory (${top})`);
  });

  it('rejects an empty path and formats it cannot read', async () => {
    expect((await failure(loadConfig({ topLevel: top, cwd: top, explicitPath: '' }))).message).toBe('--config needs a file name');
    write('txboundary.config.js', 'export default {}');
    expect((await failure(loadConfig({ topLevel: top, cwd: top, explicitPath: 'txboundary.config.js' }))).message).toBe('txboundary.config.js: unsupported config format');
  });
});

describe('loadConfig: invalid settings', () => {
  it('throws one UserError listing every problem, with a hint', async () => {
    write('.txboundaryrc.json', JSON.stringify({ exlude: [], rules: { TXB001: 'block' } }));
    const error = await failure(loadConfig({ topLevel: top, cwd: top }));
    expect(error.message).toBe(
      [
        '2 problems in .txboundaryrc.json:',
        '  - .txboundaryrc.json: exlude is not a known key (did you mean "exclude"?); known keys: include, exclude, section, respectAll, rules, templates',
        '  - .txboundaryrc.json: rules.TXB001 must be "error", "warn" or "off", got "block"',
      ].join('\n'),
    );
    expect(error.hint).toMatch(/Configuration section of the README/);
  });

  it('states a single problem on one line', async () => {
    write('package.json', JSON.stringify({ txboundary: { respectAll: 'no' } }));
    const error = await failure(loadConfig({ topLevel: top, cwd: top }));
    expect(error.message).toBe('package.json: txboundary.respectAll must be a boolean (true or false), got "no"');
  });
});
