/**
 * Which generated sources CPython accepts: cases where either version is a
 * syntax error are skipped (the generator should rarely produce them). One
 * `python3` process checks a whole run; `compile` gets the bytes, so coding
 * cookies and BOMs are honoured exactly as the reference reads the blob, and
 * what only the compiler refuses (`return` in a class body) counts too: the
 * no-false-green test covers such errors.
 */
import { spawnAsync } from './run-batch.js';

const SCRIPT = `
import base64, json, sys, warnings
out = []
for item in json.load(sys.stdin):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(base64.b64decode(item), "<case>", "exec", dont_inherit=True)
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
  if (result.code !== 0) throw new Error(`python3 -c <compile check> failed (exit ${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as (string | null)[];
}
