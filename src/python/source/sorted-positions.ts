/** The index of the first of the ascending `positions` that is at or after `at` (`positions.length` if none). */
export function firstAtOrAfter(positions: readonly number[], at: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the ascending `positions` lie in [start, end). */
export function countWithin(positions: readonly number[], start: number, end: number): number {
  return firstAtOrAfter(positions, end) - firstAtOrAfter(positions, start);
}
