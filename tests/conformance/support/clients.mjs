// Official AWS SDK for JavaScript v3 clients pointed at a local registry.
import { ECRClient } from '@aws-sdk/client-ecr';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';

// The SDK must never leave the machine or wait on instance metadata.
process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
// The suite runs on Node 20 by design; the pinned SDK versions support it, so the notice that later
// SDK releases will need Node 22 is only noise in the TAP output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const region = 'us-east-1';

/** The documented seed accounts of the local registry. */
export const accounts = Object.freeze({
  registry: Object.freeze({
    accountId: '111111111111',
    rootArn: 'arn:aws:iam::111111111111:root',
    credentials: Object.freeze({
      accessKeyId: 'AKIALOCALREGISTRY001',
      secretAccessKey: 'LocalRegistrySecretKey1111111111111111111',
    }),
  }),
  training: Object.freeze({
    accountId: '222222222222',
    rootArn: 'arn:aws:iam::222222222222:root',
    credentials: Object.freeze({
      accessKeyId: 'AKIALOCALTRAINING002',
      secretAccessKey: 'LocalTrainingSecretKey2222222222222222222',
    }),
  }),
});

/**
 * Client settings for one registry and one set of credentials.
 * @param {string} endpoint the registry's base URL
 * @param {{ accessKeyId: string, secretAccessKey: string, sessionToken?: string }} credentials
 * @param {object} overrides e.g. `{ maxAttempts: 1 }` where a test expects an error
 */
function clientConfig(endpoint, credentials, overrides) {
  // A copy: the SDK records on the credentials object where they came from.
  return { region, endpoint, credentials: { ...credentials }, ...overrides };
}

/** Factories for every emulated service, bound to one registry endpoint. */
export function clientsFor(endpoint) {
  return {
    sageMaker: (credentials = accounts.registry.credentials, overrides = {}) =>
      new SageMakerClient(clientConfig(endpoint, credentials, overrides)),
    ecr: (credentials = accounts.registry.credentials, overrides = {}) =>
      new ECRClient(clientConfig(endpoint, credentials, overrides)),
    kms: (credentials = accounts.registry.credentials, overrides = {}) =>
      new KMSClient(clientConfig(endpoint, credentials, overrides)),
    // Path-style addressing: a bucket name cannot become a subdomain of 127.0.0.1.
    s3: (credentials = accounts.registry.credentials, overrides = {}) =>
      new S3Client(clientConfig(endpoint, credentials, { forcePathStyle: true, ...overrides })),
    sts: (credentials = accounts.registry.credentials, overrides = {}) =>
      new STSClient(clientConfig(endpoint, credentials, overrides)),
  };
}

/** Settings for a client whose call is expected to fail: one attempt, no retry back-off. */
export const noRetry = Object.freeze({ maxAttempts: 1 });
