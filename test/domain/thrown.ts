/**
 * Runs `action` and returns what it threw, so a test can check the error's class and the
 * fields the person will be told about. Fails the test when nothing is thrown.
 */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
