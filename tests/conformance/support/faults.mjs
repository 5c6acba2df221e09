// The local registry's admin endpoint for fault injection (unauthenticated, loopback only, never for web pages).

/**
 * Adds a fault rule, e.g. `{ kind: 'throttle', count: 2, service: 'sagemaker', operation: 'ListModelPackages' }`.
 * @returns {Promise<object[]>} the rules now in force
 */
export async function injectFault(endpoint, rule) {
  return adminCall(endpoint, 'POST', rule);
}

/** Removes every fault rule. */
export async function clearFaults(endpoint) {
  return adminCall(endpoint, 'DELETE');
}

async function adminCall(endpoint, method, body) {
  const response = await fetch(new URL('/_localregistry/faults', endpoint), {
    method,
    // The registry refuses admin requests a web page could send: this header (or a JSON body) proves a tool.
    headers: { 'x-localregistry-admin': 'conformance', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} /_localregistry/faults answered ${response.status}: ${text}`);
  }
  return JSON.parse(text);
}
