/**
 * Reading an element the caller knows is there — a typed array's entry (a posting, a line's counter) or a text's
 * code point — checked, so that an index out of bounds fails loudly as the bug it is instead of flowing on as
 * `undefined` or `NaN`.
 */

/** `array[index]`; throws a RangeError when the index is outside the array. */
export function at(array: Uint32Array | Uint16Array, index: number): number {
  const value = array[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside an array of ${array.length}`);
  return value;
}

/** `text.codePointAt(index)` (a lone surrogate reads as itself); throws a RangeError when the index is outside the text. */
export function codePointIn(text: string, index: number): number {
  const codePoint = text.codePointAt(index);
  if (codePoint === undefined) throw new RangeError(`offset ${index} is outside a text of ${text.length}`);
  return codePoint;
}
