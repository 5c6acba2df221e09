// The SDK's standard retry strategy must recognise the registry's throttling, server errors and dropped
// connections exactly as it recognises AWS's, and give up with the right error when out of attempts.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { assertAwsError } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { clearFaults, injectFault } from './support/faults.mjs';
import { uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

describe('retries against injected faults', () => {
  let registry;
  let clients;

  before(async () => {
    registry = await startLocalRegistry();
    clients = clientsFor(registry.endpoint);
  });

  afterEach(async () => {
    await clearFaults(registry.endpoint);
  });

  after(async () => {
    await registry?.stop();
  });

  test('SageMaker ThrottlingException is retried with back-off and the call then succeeds once', async () => {
    const groupName = uniqueName('throttled');
    await injectFault(registry.endpoint, { kind: 'throttle', count: 2, service: 'sagemaker', operation: 'CreateModelPackageGroup' });

    const created = await clients.sageMaker().send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    assert.equal(created.$metadata.attempts, 3);
    const listed = await clients.sageMaker().send(new ListModelPackageGroupsCommand({ NameContains: groupName }));
    assert.equal(listed.ModelPackageGroupSummaryList.length, 1, 'throttled attempts stored nothing');
  });

  test('out of attempts, the SDK reports the ThrottlingException itself', async () => {
    await injectFault(registry.endpoint, { kind: 'throttle', count: 1, service: 'sagemaker', operation: 'ListModelPackageGroups' });
    const error = await assertAwsError(
      clients.sageMaker(undefined, noRetry).send(new ListModelPackageGroupsCommand({})),
      { name: 'ThrottlingException', status: 400 });
    assert.equal(error.$metadata.attempts, 1);
  });

  test('S3 SlowDown (503) on PutObject is retried', async () => {
    const s3 = clients.s3();
    const bucket = uniqueName('slowdown');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await injectFault(registry.endpoint, { kind: 'throttle', count: 1, service: 's3', operation: 'PutObject' });

    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'retried', Body: Buffer.from('sent twice, stored once') }));
    assert.equal(put.$metadata.attempts, 2);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'retried' }));
    assert.equal(await got.Body.transformToString(), 'sent twice, stored once');
  });

  test('a 500 InternalFailure is retried', async () => {
    await injectFault(registry.endpoint, { kind: 'error500', count: 1, service: 'sts', operation: 'GetCallerIdentity' });
    const identity = await clients.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(identity.$metadata.attempts, 2);
    assert.equal(identity.Account, accounts.registry.accountId);
  });

  test('a 500 with no attempts left is a server fault', async () => {
    await injectFault(registry.endpoint, { kind: 'error500', count: 1, service: 'sagemaker', operation: 'ListModelPackageGroups' });
    await assert.rejects(clients.sageMaker(undefined, noRetry).send(new ListModelPackageGroupsCommand({})), (error) => {
      assert.equal(error.name, 'InternalFailure');
      assert.equal(error.$metadata.httpStatusCode, 500);
      assert.equal(error.$fault, 'server');
      return true;
    });
  });

  test('a dropped connection is retried as a transient error', async () => {
    const groupName = uniqueName('dropped');
    await clients.sageMaker().send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    await injectFault(registry.endpoint, { kind: 'drop', count: 1, service: 'sagemaker', operation: 'DescribeModelPackageGroup' });

    const described = await clients.sageMaker().send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    assert.equal(described.ModelPackageGroupName, groupName);
    assert.equal(described.$metadata.attempts, 2);
  });
});
