/**
 * Linear-time ordering of findings and candidates. A check sorts thousands
 * of them by position; a comparison sort calls a script comparator
 * n·log n times, while positions are small integers that a counting sort
 * orders in a few passes. Both helpers are stable, so composing them gives
 * exactly what a stable comparison sort by the same keys gives.
 */

/** Bits per counting pass: 2 048 buckets, a table that stays in the first-level cache. */
const DIGIT = 11;
const BUCKETS = 1 << DIGIT;

/**
 * Sorts `items` in place, stably, by `key(item)`: an integer from 0 to
 * 2^32 − 1 (a text offset, a rule index). One counting pass per 11 bits of
 * the largest key.
 */
export function sortByKey<T>(items: T[], key: (item: T) => number): void {
  const n = items.length;
  if (n < 2) {
    return;
  }
  let keys = new Uint32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = key(items[i]);
    keys[i] = k;
    if (k > max) {
      max = k;
    }
  }
  if (n <= SHORT_LIST) {
    insertionSort(items, keys);
    return;
  }
  let from: T[] = items;
  let to: T[] = new Array<T>(n);
  let toKeys = new Uint32Array(n);
  const count = new Int32Array(BUCKETS);
  for (let shift = 0; shift < 32 && max >>> shift !== 0; shift += DIGIT) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
    }
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
      to[at] = from[i];
      toKeys[at] = keys[i];
    }
    [from, to] = [to, from];
    [keys, toKeys] = [toKeys, keys];
  }
  if (from !== items) {
    for (let i = 0; i < n; i++) {
      items[i] = from[i];
    }
  }
}

/**
 * Lists up to this long are sorted by insertion: a counting pass clears and
 * sums 2 048 buckets whatever the length, which is most of the work for the
 * few dozen findings of a re-check after a keystroke (and these lists come
 * nearly in order).
 */
const SHORT_LIST = 64;

/** Stable insertion sort of `items` by `keys` (both permuted together). */
function insertionSort<T>(items: T[], keys: Uint32Array): void {
  for (let i = 1; i < items.length; i++) {
    const k = keys[i];
    if (keys[i - 1] <= k) {
      continue;
    }
    const x = items[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      items[j + 1] = items[j];
      keys[j + 1] = keys[j];
      j--;
    }
    items[j + 1] = x;
    keys[j + 1] = k;
  }
}

/** Runs longer than this are sorted by the engine's (stable) sort instead: insertion sort is quadratic. */
const LONG_RUN = 32;

/**
 * Sorts each run of neighbours that `sameRun` keeps together by `compare`,
 * stably (insertion sort: the runs of a sorted-by-position list are short).
 * After `sortByKey` by a primary key, with `sameRun` meaning an equal primary
 * key and `compare` ordering by the primary key first, the list is in the
 * order a stable sort by `compare` gives.
 */
export function sortRuns<T>(items: T[], sameRun: (a: T, b: T) => boolean, compare: (a: T, b: T) => number): void {
  const n = items.length;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && sameRun(items[start], items[end])) {
      end++;
    }
    if (end - start > LONG_RUN) {
      const sorted = items.slice(start, end).sort(compare);
      for (let i = start; i < end; i++) {
        items[i] = sorted[i - start];
      }
    } else {
      for (let i = start + 1; i < end; i++) {
        const x = items[i];
        let j = i - 1;
        while (j >= start && compare(items[j], x) > 0) {
          items[j + 1] = items[j];
          j--;
        }
        items[j + 1] = x;
      }
    }
    start = end;
  }
}
