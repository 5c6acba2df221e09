// Assertions on what the SDK makes of the registry's answers.
import assert from 'node:assert/strict';

/**
 * Asserts that `operation` rejects with the AWS error the SDK derived from the response.
 * @param {Promise<unknown>} operation the pending SDK call
 * @param {{ name: string, status: number | number[], message?: RegExp }} expected error code as the SDK
 *   names it, HTTP status (or the statuses AWS is known to use for it), and optionally the message
 * @returns {Promise<Error>} the error, for further checks
 */
export async function assertAwsError(operation, { name, status, message }) {
  let caught;
  await assert.rejects(operation, (error) => {
    caught = error;
    return true;
  });
  const statuses = Array.isArray(status) ? status : [status];
  const actual = { name: caught.name, status: caught.$metadata?.httpStatusCode, message: caught.message };
  assert.equal(caught.name, name, `error name; got ${JSON.stringify(actual)}`);
  assert.ok(statuses.includes(actual.status), `HTTP status ${actual.status}, expected ${statuses.join(' or ')}; got ${JSON.stringify(actual)}`);
  assert.equal(caught.$fault, 'client', `a ${name} is the caller's fault`);
  if (message) {
    assert.match(caught.message, message);
  }
  return caught;
}

/** Asserts that `value` is a Date within `slackMs` of the window [before, after]. */
export function assertTimeBetween(value, before, after, slackMs = 2_000) {
  assert.ok(value instanceof Date, `expected a Date, got ${value}`);
  assert.ok(value.getTime() >= before.getTime() - slackMs && value.getTime() <= after.getTime() + slackMs,
    `${value.toISOString()} is not between ${before.toISOString()} and ${after.toISOString()}`);
}
