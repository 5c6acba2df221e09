// SigV4 as AWS enforces it, per protocol (JSON, REST-XML, query), and STS identities and sessions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListModelPackageGroupsCommand } from '@aws-sdk/client-sagemaker';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { assertAwsError, assertTimeBetween } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const wrongSecret = { accessKeyId: accounts.registry.credentials.accessKeyId, secretAccessKey: 'NotTheSecretKey000000000000000000000000000' };
const unknownKey = { accessKeyId: 'AKIAUNKNOWNKEY999999', secretAccessKey: 'WhateverSecretKey00000000000000000000000000' };
// JSON services answer authentication failures with 400 or 403 depending on the service.
const jsonAuthStatus = [400, 403];

describe('authentication', () => {
  let registry;
  let clients;

  before(async () => {
    registry = await startLocalRegistry();
    clients = clientsFor(registry.endpoint);
  });

  after(async () => {
    await registry?.stop();
  });

  describe('a wrong secret key is refused', () => {
    test('SageMaker (JSON 1.1): InvalidSignatureException', async () => {
      await assertAwsError(
        clients.sageMaker(wrongSecret, noRetry).send(new ListModelPackageGroupsCommand({})),
        { name: 'InvalidSignatureException', status: jsonAuthStatus });
    });

    test('S3 (REST-XML): SignatureDoesNotMatch', async () => {
      await assertAwsError(
        clients.s3(wrongSecret, noRetry).send(new GetObjectCommand({ Bucket: 'any-bucket', Key: 'any-key' })),
        { name: 'SignatureDoesNotMatch', status: 403 });
    });

    test('STS (query): SignatureDoesNotMatch', async () => {
      await assertAwsError(
        clients.sts(wrongSecret, noRetry).send(new GetCallerIdentityCommand({})),
        { name: 'SignatureDoesNotMatch', status: 403 });
    });
  });

  describe('an unknown access key is refused', () => {
    test('SageMaker (JSON 1.1): UnrecognizedClientException', async () => {
      await assertAwsError(
        clients.sageMaker(unknownKey, noRetry).send(new ListModelPackageGroupsCommand({})),
        { name: 'UnrecognizedClientException', status: jsonAuthStatus });
    });

    test('S3 (REST-XML): InvalidAccessKeyId', async () => {
      await assertAwsError(
        clients.s3(unknownKey, noRetry).send(new GetObjectCommand({ Bucket: 'any-bucket', Key: 'any-key' })),
        { name: 'InvalidAccessKeyId', status: 403 });
    });

    test('STS (query): InvalidClientTokenId', async () => {
      await assertAwsError(
        clients.sts(unknownKey, noRetry).send(new GetCallerIdentityCommand({})),
        { name: 'InvalidClientTokenId', status: 403 });
    });
  });

  describe('a request signed 30 minutes ago is refused as AWS refuses it', () => {
    const skewed = { systemClockOffset: -30 * 60 * 1000 };

    test('SageMaker: the SDK reads "Signature expired", retries, and succeeds', async () => {
      // The v3 SDK retries an InvalidSignatureException whose message says "Signature expired".
      const groups = await clients.sageMaker(undefined, skewed).send(new ListModelPackageGroupsCommand({}));
      assert.equal(groups.$metadata.attempts, 2);
    });

    test('S3: RequestTimeTooSkewed', async () => {
      await assertAwsError(
        clients.s3(undefined, { ...skewed, ...noRetry }).send(new GetObjectCommand({ Bucket: 'any-bucket', Key: 'any-key' })),
        { name: 'RequestTimeTooSkewed', status: 403 });
    });

    test('STS: SignatureDoesNotMatch, Signature expired', async () => {
      await assertAwsError(
        clients.sts(undefined, { ...skewed, ...noRetry }).send(new GetCallerIdentityCommand({})),
        { name: 'SignatureDoesNotMatch', status: 403, message: /^Signature expired/ });
    });
  });

  for (const [name, account] of Object.entries(accounts)) {
    test(`GetCallerIdentity names the ${name} account's root`, async () => {
      const identity = await clients.sts(account.credentials).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, account.accountId);
      assert.equal(identity.Arn, account.rootArn);
      // AWS reports the account id as the user id of root credentials.
      assert.equal(identity.UserId, account.accountId);
    });
  }

  test('AssumeRole into the training account gives working session credentials', async () => {
    const roleArn = `arn:aws:iam::${accounts.training.accountId}:role/ModelPublisher`;
    const startedAt = new Date();
    const assumed = await clients.sts(accounts.registry.credentials).send(new AssumeRoleCommand({
      RoleArn: roleArn, RoleSessionName: 'conformance-session', DurationSeconds: 900,
    }));

    const { Credentials: credentials, AssumedRoleUser: user } = assumed;
    assert.match(credentials.AccessKeyId, /^ASIA[A-Z0-9]{12,}$/);
    assert.ok(credentials.SecretAccessKey && credentials.SessionToken, 'a secret and a session token');
    assertTimeBetween(credentials.Expiration, new Date(startedAt.getTime() + 900_000), new Date(Date.now() + 900_000));
    const sessionArn = `arn:aws:sts::${accounts.training.accountId}:assumed-role/ModelPublisher/conformance-session`;
    assert.equal(user.Arn, sessionArn);
    assert.match(user.AssumedRoleId, /^AROA[A-Z0-9]+:conformance-session$/);

    const sessionCredentials = {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    };
    const identity = await clients.sts(sessionCredentials).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, accounts.training.accountId);
    assert.equal(identity.Arn, sessionArn);
    assert.equal(identity.UserId, user.AssumedRoleId);

    const groups = await clients.sageMaker(sessionCredentials).send(new ListModelPackageGroupsCommand({}));
    assert.ok(Array.isArray(groups.ModelPackageGroupSummaryList), 'session credentials sign SageMaker calls too');

    // The session's secret is bound to its token: a wrong token must not pass.
    await assertAwsError(
      clients.sts({ ...sessionCredentials, sessionToken: 'not-the-session-token' }, noRetry).send(new GetCallerIdentityCommand({})),
      { name: 'InvalidClientTokenId', status: 403 });
  });
});
