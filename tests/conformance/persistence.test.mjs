// A registry restarted on the same --data-dir serves what the previous run stored, and keeps counting
// versions where it left off.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  GetModelPackageGroupPolicyCommand,
  PutModelPackageGroupPolicyCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accounts, clientsFor } from './support/clients.mjs';
import { irisInferenceSpecification, irisModelPackageInput, sageMakerArns, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

describe('state kept in a data directory across restarts', () => {
  const groupName = uniqueName('persisted');
  const bucket = uniqueName('persisted-artifacts');
  const artifact = Buffer.from('model bytes that must survive a restart');
  const groupPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'TrainingReads', Effect: 'Allow', Principal: { AWS: accounts.training.rootArn },
      Action: 'sagemaker:DescribeModelPackage',
      Resource: `arn:aws:sagemaker:us-east-1:${accounts.registry.accountId}:model-package/${groupName}/*`,
    }],
  });
  let dataDirectory;
  let registry;
  let sessionCredentials;

  before(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'modelregistry-persistence-'));
    const firstRun = await startLocalRegistry({ dataDirectory });
    try {
      const clients = clientsFor(firstRun.endpoint);
      const sageMaker = clients.sageMaker();
      await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
      await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
      await sageMaker.send(new PutModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName, ResourcePolicy: groupPolicy }));
      const s3 = clients.s3();
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'model.tar.gz', Body: artifact }));
      const { Credentials: credentials } = await clients.sts().send(new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accounts.training.accountId}:role/Publisher`, RoleSessionName: 'before-restart',
      }));
      sessionCredentials = {
        accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken,
      };
    } finally {
      await firstRun.stop();
    }
    registry = await startLocalRegistry({ dataDirectory });
  });

  after(async () => {
    await registry?.stop();
    if (dataDirectory) {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  test('the version, its group policy and the version counter survive', async () => {
    const sageMaker = clientsFor(registry.endpoint).sageMaker();
    const firstArn = sageMakerArns.version(accounts.registry.accountId, groupName, 1);
    const described = await sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: firstArn }));
    assert.deepEqual(described.InferenceSpecification, irisInferenceSpecification(bucket));

    const { ResourcePolicy } = await sageMaker.send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(JSON.parse(ResourcePolicy), JSON.parse(groupPolicy));

    const next = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
    assert.equal(next.ModelPackageArn, sageMakerArns.version(accounts.registry.accountId, groupName, 2));
  });

  test('the S3 object survives byte for byte', async () => {
    const got = await clientsFor(registry.endpoint).s3().send(new GetObjectCommand({ Bucket: bucket, Key: 'model.tar.gz' }));
    assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(artifact));
  });

  test('session credentials issued before the restart still sign requests', async () => {
    const identity = await clientsFor(registry.endpoint).sts(sessionCredentials).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, accounts.training.accountId);
    assert.equal(identity.Arn, `arn:aws:sts::${accounts.training.accountId}:assumed-role/Publisher/before-restart`);
  });
});
