// Turns one run's results into the tables the bench prints.

import { primaryLabel } from './second-node.mjs';
import { formatTable } from './table.mjs';
import { checkTargets, msPerThousandLines, throughput, verdictWord } from './targets.mjs';

/** Scenarios whose target says "cold": txboundary keeps no cache (issue 11), so every run is. */
const COLD = new Set(['S1', 'S2', 'S7']);

/**
 * The main table: medians, ratios to the floors and the peer, memory,
 * agreement. With a second Node.js (`node24`), its median and its ratio to
 * its own `node -e 0` sit beside the primary runtime's.
 */
export function scenarioTable(scenarios, results, node24 = null) {
  const checks = checkTargets(results);
  const checks24 = node24 ? checkTargets(results, { second: true }) : [];
  const primary = node24 ? ` (${primaryLabel()})` : '';
  const headers = [
    'scenario',
    `txboundary ms${primary}`,
    `node -e 0 ms${primary}`,
    `× node${primary}`,
    ...(node24 ? [`txboundary ms (${node24.label})`, `node -e 0 ms (${node24.label})`, `× node (${node24.label})`] : []),
    'git ms',
    '× git',
    'peer ms',
    'txb / peer',
    'peak MiB txb / peer',
    'TXB000–003 txb / peer',
    'notes',
  ];
  const align = headers.map((header) => (header === 'scenario' || header === 'notes' || header.startsWith('TXB') ? 'l' : 'r'));
  const rows = scenarios
    .filter((scenario) => results[scenario.id])
    .map((scenario) => {
      const result = results[scenario.id];
      const ms = (name) => result.timing[name]?.median ?? null;
      const mark = (cell, text, from = checks) => {
        const check = from.find((c) => c.scenario === scenario.id && c.cell === cell);
        return check ? `${text} ${verdictWord(check)}` : text;
      };
      const peaks = `${mib(result.peakMiB.txboundary)} / ${mib(result.peakMiB.peer)}`;
      return [
        scenario.id,
        millis(ms('txboundary')),
        millis(ms('node')),
        mark('xNode', ratio(ms('txboundary'), ms('node'))),
        ...(node24 ? [millis(ms('txboundary24')), millis(ms('node24')), mark('xNode', ratio(ms('txboundary24'), ms('node24')), checks24)] : []),
        millis(ms('git')),
        ratio(ms('txboundary'), ms('git')),
        millis(ms('peer')),
        mark('xPeer', ratio(ms('txboundary'), ms('peer'))),
        mark('peak', peaks),
        agreement(result),
        notes(scenario, result, checks, node24),
      ];
    });
  return formatTable(headers, rows, align);
}

/**
 * Each target with the figure, PASS/MISS and by how much, on the primary
 * runtime (the verdict), and with `node24` the same figure on it.
 */
export function targetTable(results, node24 = null) {
  const checks24 = node24 ? checkTargets(results, { second: true }) : [];
  const rows = checkTargets(results).map((check, i) => {
    const row = [check.target, String(check.issue), check.shown, verdictWord(check), check.margin];
    if (!node24) return row;
    const other = checks24[i];
    return [...row, other ? `${other.shown} ${verdictWord(other)}` : 'not timed'];
  });
  const primary = node24 ? ` (${primaryLabel()})` : '';
  const headers = ['target', 'issue', `measured${primary}`, 'verdict', 'margin', ...(node24 ? [`${node24.label}, same rounds`] : [])];
  return formatTable(headers, rows, ['l', 'r', 'r', 'l', 'l', 'r']);
}

/** What each scenario is, how big, and how often it ran. */
export function legendTable(scenarios, repos, results) {
  const rows = scenarios.map((scenario) => {
    const { meta } = repos[scenario.id];
    const result = results[scenario.id];
    const runs = result ? String(result.runs) : 'with S4';
    return [scenario.id, scenario.title, fmt(meta.pythonFilesInRepo), fmt(meta.stagedFiles), fmt(meta.stagedLines), fmt(meta.checkedLines), runs, result?.commands.git ?? ''];
  });
  return formatTable(['id', 'scenario', 'py files in repo', 'staged files', 'staged lines (+/−)', 'lines in checked files', 'timed runs', 'git floor'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l']);
}

/** One warning line per scenario where txboundary and the peer disagree. */
export function disagreementWarnings(scenarios, results) {
  return scenarios.flatMap((scenario) => {
    const comparison = results[scenario.id]?.comparison;
    if (!comparison?.comparable || comparison.agree) return [];
    const sample = [...comparison.onlyOurs.slice(0, 3).map((key) => `only txboundary: ${key}`), ...comparison.onlyPeer.slice(0, 3).map((key) => `only peer: ${key}`)];
    return [
      `WARNING ${scenario.id}: txboundary and the peer disagree (${comparison.onlyOurs.length} only in txboundary, ${comparison.onlyPeer.length} only in the peer)`,
      ...sample.map((line) => `    ${line}`),
    ];
  });
}

function notes(scenario, result, checks, node24) {
  const parts = [];
  if (COLD.has(scenario.id)) parts.push('cold: txboundary keeps no cache, so every run is');
  const extra = checks.find((c) => c.scenario === scenario.id && c.cell === 'extra');
  if (scenario.id === 'S4') {
    parts.push(`${millis(msPerThousandLines(result, 'txboundary'))} ms per 1k staged lines (peer ${millis(msPerThousandLines(result, 'peer'))})`);
    parts.push(`half size (S4h) ${millis(result.timing['txboundary@S4h']?.median ?? null)} ms = ${millis(msPerThousandLines(result, 'txboundary@S4h', result.companions.S4h))} ms per 1k`);
  }
  const nodeGit = result.timing.nodeGit?.median ?? null;
  if (nodeGit !== null) {
    parts.push(
      `node spawning one git process ${millis(nodeGit)} ms = ${ratio(nodeGit, result.timing.node?.median ?? null)} node; txboundary ${millis(result.timing.txboundary.median - nodeGit)} ms above it`,
    );
  }
  if (scenario.id === 'S3') parts.push(`S1 in the same rounds ${millis(result.timing['txboundary@S1']?.median ?? null)} ms`);
  if (scenario.id === 'S6') {
    const on24 = node24 ? `, ${node24.label} ${rate(throughput(result, 'txboundary24'))}` : '';
    parts.push(`throughput ${rate(throughput(result, 'txboundary'))}${on24} (peer ${rate(throughput(result, 'peer'))}) lines/s`);
  }
  if (node24) parts.push(`${node24.label} ${ratio(result.timing.txboundary24?.median ?? null, result.timing.peer?.median ?? null)} peer`);
  if (extra && extra.pass !== null) parts.push(`${extra.shown} ${verdictWord(extra)}`);
  for (const [name, verdict] of Object.entries(result.verdicts)) {
    if (!verdict.available) parts.push(`${name}: not available (${verdict.reason})`);
    else if (verdict.otherFindings > 0) parts.push(`${name} also warns ${verdict.otherFindings}× TXB004+`);
  }
  return parts.join('; ');
}

function agreement(result) {
  const { verdicts, comparison } = result;
  const count = (verdict) => (verdict.available ? String(verdict.violations) : 'n/a');
  const word = !comparison.comparable ? '' : comparison.agree ? ' agree' : ' DIFFER';
  return `${count(verdicts.txboundary)} / ${count(verdicts.peer)}${word}`;
}

function millis(value) {
  if (value === null || value === undefined) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function ratio(a, b) {
  return a === null || b === null ? 'n/a' : `${(a / b).toFixed(2)}×`;
}

function mib(value) {
  return value === null || value === undefined ? 'n/a' : value.toFixed(0);
}

function rate(value) {
  return value === null ? 'n/a' : fmt(Math.round(value));
}

function fmt(value) {
  return value.toLocaleString('en-US');
}
