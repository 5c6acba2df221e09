// A training account registers versions in the registry account's group only once the group's
// resource policy allows it — the cross-account pattern of the SageMaker Developer Guide — and reads
// artifacts and keys the same way: through bucket and key policies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteModelPackageCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackagesCommand,
  PutModelPackageGroupPolicyCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateKeyCommand, DescribeKeyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { assertAwsError } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { irisModelPackageInput, sageMakerArns, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const registryAccount = accounts.registry.accountId;
// AWS answers AccessDeniedException from JSON services with 400; the registry may use 403.
const accessDeniedStatus = [400, 403];

describe('cross-account access through resource policies', () => {
  let registry;
  let clients;
  let registrySageMaker;
  let trainingSageMaker;

  before(async () => {
    registry = await startLocalRegistry();
    clients = clientsFor(registry.endpoint);
    registrySageMaker = clients.sageMaker(accounts.registry.credentials);
    trainingSageMaker = clients.sageMaker(accounts.training.credentials, noRetry);
  });

  after(async () => {
    await registry?.stop();
  });

  test('the training account needs the group policy to register and read versions', async () => {
    const groupName = uniqueName('central-models');
    const groupArn = sageMakerArns.group(registryAccount, groupName);
    await registrySageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));

    await assertAwsError(
      trainingSageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupArn))),
      { name: 'AccessDeniedException', status: accessDeniedStatus });
    const beforePolicy = await registrySageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(beforePolicy.ModelPackageSummaryList, [], 'a denied call stores nothing');

    await registrySageMaker.send(new PutModelPackageGroupPolicyCommand({
      ModelPackageGroupName: groupName,
      ResourcePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AllowTrainingAccountToRegister',
          Effect: 'Allow',
          Principal: { AWS: accounts.training.rootArn },
          Action: ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage'],
          Resource: `arn:aws:sagemaker:us-east-1:${registryAccount}:model-package/${groupName}/*`,
        }],
      }),
    }));

    const created = await trainingSageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupArn)));
    const versionArn = sageMakerArns.version(registryAccount, groupName, 1);
    assert.equal(created.ModelPackageArn, versionArn, 'the version belongs to the group owner\'s account');

    const listed = await registrySageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(listed.ModelPackageSummaryList.map((s) => s.ModelPackageArn), [versionArn]);

    const describedByTraining = await trainingSageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: versionArn }));
    assert.equal(describedByTraining.ModelPackageGroupName, groupName);
    assert.equal(describedByTraining.ModelPackageVersion, 1);
    assert.equal(describedByTraining.CreatedBy?.IamIdentity?.Arn, accounts.training.rootArn, 'the creator is the training account');

    // The policy grants nothing on the group itself, nor deletion.
    await assertAwsError(
      trainingSageMaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupArn })),
      { name: 'AccessDeniedException', status: accessDeniedStatus });
    await assertAwsError(
      trainingSageMaker.send(new DeleteModelPackageCommand({ ModelPackageName: versionArn })),
      { name: 'AccessDeniedException', status: accessDeniedStatus });
    const afterDenied = await registrySageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.equal(afterDenied.ModelPackageSummaryList.length, 1, 'the denied delete removed nothing');
  });

  test('a group name without an ARN means a group of the caller\'s own account', async () => {
    const groupName = uniqueName('own-account');
    await registrySageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    // The training account has no group of that name, so the name alone does not reach the registry's group.
    await assertAwsError(
      trainingSageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName))),
      { name: 'ValidationException', status: 400 });
  });

  test('the training account reads model artifacts once the bucket policy allows GetObject', async () => {
    const registryS3 = clients.s3(accounts.registry.credentials);
    const trainingS3 = clients.s3(accounts.training.credentials, noRetry);
    const bucket = uniqueName('shared-artifacts');
    const artifact = Buffer.from('weights shared across accounts');
    await registryS3.send(new CreateBucketCommand({ Bucket: bucket }));
    await registryS3.send(new PutObjectCommand({ Bucket: bucket, Key: 'model.tar.gz', Body: artifact }));

    await assertAwsError(trainingS3.send(new GetObjectCommand({ Bucket: bucket, Key: 'model.tar.gz' })),
      { name: 'AccessDenied', status: 403 });

    await registryS3.send(new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow', Principal: { AWS: accounts.training.rootArn }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`,
        }],
      }),
    }));
    const got = await trainingS3.send(new GetObjectCommand({ Bucket: bucket, Key: 'model.tar.gz' }));
    assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(artifact));

    await assertAwsError(trainingS3.send(new PutObjectCommand({ Bucket: bucket, Key: 'intruder', Body: Buffer.from('x') })),
      { name: 'AccessDenied', status: 403 });
  });

  test('the training account uses a KMS key by ARN once the key policy allows it', async () => {
    const registryKms = clients.kms(accounts.registry.credentials);
    const trainingKms = clients.kms(accounts.training.credentials, noRetry);
    const { KeyMetadata: key } = await registryKms.send(new CreateKeyCommand({ Description: 'shared artifact key' }));

    await assertAwsError(trainingKms.send(new DescribeKeyCommand({ KeyId: key.Arn })),
      { name: 'AccessDeniedException', status: accessDeniedStatus });

    await registryKms.send(new PutKeyPolicyCommand({
      KeyId: key.KeyId,
      PolicyName: 'default',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: accounts.registry.rootArn }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Training', Effect: 'Allow', Principal: { AWS: accounts.training.rootArn }, Action: 'kms:DescribeKey', Resource: '*' },
        ],
      }),
    }));
    const { KeyMetadata: described } = await trainingKms.send(new DescribeKeyCommand({ KeyId: key.Arn }));
    assert.equal(described.Arn, key.Arn);
    assert.equal(described.AWSAccountId, registryAccount);

    // A bare key id always means a key of the caller's own account.
    await assertAwsError(trainingKms.send(new DescribeKeyCommand({ KeyId: key.KeyId })),
      { name: 'NotFoundException', status: 400 });
  });
});
