/**
 * Which generated sources CPython accepts: cases where either version is a
 * syntax error are skipped (the generator should rarely produce them). One
 * `python3` process checks a whole run; `ast.parse` gets the bytes, so coding
 * cookies and BOMs are honoured exactly as the reference reads the blob.
 */
import { spawnAsync } from './run-batch.js';

const SCRIPT = `
import ast, base64, json, sys, warnings
out = []
for item in json.load(sys.stdin):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(base64.b64decode(item))
        out.append(None)
    except (SyntaxError, ValueError) as e:
        out.append(f"{type(e).__name__}: {e}")
json.dump(out, sys.stdout)
`;

/** For each source, null when CPython parses it, else the error. */
export async function pythonSyntaxErrors(sources: Buffer[]): Promise<(string | null)[]> {
  const result = await spawnAsync('python3', ['-c', SCRIPT], {
    cwd: process.cwd(),
    env: process.env,
    input: JSON.stringify(sources.map((source) => source.toString('base64'))),
  });
  if (result.code !== 0) throw new Error(`python3 -c <ast.parse check> failed (exit ${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as (string | null)[];
}
