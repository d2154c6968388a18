// Plain-text tables that are also Markdown tables (paste them into BENCHMARKS.md).

/**
 * Pads every column to its widest cell. `align` holds 'l' or 'r' per
 * column; numbers read best right-aligned.
 */
export function formatTable(headers, rows, align = headers.map(() => 'l')) {
  const widths = headers.map((header, i) => Math.max(width(header), ...rows.map((row) => width(row[i] ?? ''))));
  const pad = (cell, i) => (align[i] === 'r' ? String(cell).padStart(widths[i] + String(cell).length - width(cell)) : String(cell).padEnd(widths[i] + String(cell).length - width(cell)));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** Display width: code points, so "×" and "≤" count as one column. */
function width(text) {
  return [...String(text)].length;
}
