/** The time, behind one function so services never call `new Date()` directly. */
export function now(): Date {
  return new Date();
}
