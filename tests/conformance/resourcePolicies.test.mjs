// Resource policies put and read back on every service that has them: SageMaker model package
// groups, ECR repositories, S3 buckets, KMS keys (with grants).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageGroupCommand,
  DeleteModelPackageGroupPolicyCommand,
  GetModelPackageGroupPolicyCommand,
  PutModelPackageGroupPolicyCommand,
} from '@aws-sdk/client-sagemaker';
import {
  CreateRepositoryCommand,
  DeleteRepositoryPolicyCommand,
  DescribeRepositoriesCommand,
  GetRepositoryPolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
} from '@aws-sdk/client-s3';
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { assertAwsError, assertTimeBetween } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { sageMakerArns, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const registryAccount = accounts.registry.accountId;
const trainingRoot = accounts.training.rootArn;

const policy = (...statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('resource policies', () => {
  let registry;
  let clients;

  before(async () => {
    registry = await startLocalRegistry();
    clients = clientsFor(registry.endpoint);
  });

  after(async () => {
    await registry?.stop();
  });

  test('SageMaker model package group policy: put, get, delete', async () => {
    const sageMaker = clients.sageMaker();
    const groupName = uniqueName('shared-models');
    const groupArn = sageMakerArns.group(registryAccount, groupName);
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const groupPolicy = policy({
      Sid: 'TrainingAccountRegistersVersions',
      Effect: 'Allow',
      Principal: { AWS: trainingRoot },
      Action: ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage'],
      Resource: `arn:aws:sagemaker:us-east-1:${registryAccount}:model-package/${groupName}/*`,
    });

    const put = await sageMaker.send(new PutModelPackageGroupPolicyCommand({
      ModelPackageGroupName: groupName, ResourcePolicy: groupPolicy,
    }));
    assert.equal(put.ModelPackageGroupArn, groupArn);

    const read = await sageMaker.send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(JSON.parse(read.ResourcePolicy), JSON.parse(groupPolicy));

    await sageMaker.send(new DeleteModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName }));
    await assertAwsError(
      clients.sageMaker(undefined, noRetry).send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName })),
      { name: 'ValidationException', status: 400 });
  });

  test('SageMaker refuses a group policy that is not a policy document', async () => {
    const sageMaker = clients.sageMaker();
    const groupName = uniqueName('bad-policy');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    await assertAwsError(
      clients.sageMaker(undefined, noRetry).send(new PutModelPackageGroupPolicyCommand({
        ModelPackageGroupName: groupName, ResourcePolicy: '{"Version":"2012-10-17","Statement":"nope"',
      })),
      { name: 'ValidationException', status: 400 });
  });

  test('ECR repository policy: set, get, delete', async () => {
    const ecr = clients.ecr();
    const repositoryName = uniqueName('iris-inference');
    const { repository } = await ecr.send(new CreateRepositoryCommand({ repositoryName }));
    assert.equal(repository.repositoryName, repositoryName);
    assert.equal(repository.registryId, registryAccount);
    assert.equal(repository.repositoryArn, `arn:aws:ecr:us-east-1:${registryAccount}:repository/${repositoryName}`);
    assert.ok(repository.repositoryUri.endsWith(`/${repositoryName}`), repository.repositoryUri);
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }));
    assert.deepEqual(repositories.map((r) => r.repositoryArn), [repository.repositoryArn]);

    await assertAwsError(
      clients.ecr(undefined, noRetry).send(new GetRepositoryPolicyCommand({ repositoryName })),
      { name: 'RepositoryPolicyNotFoundException', status: 400 });

    const repositoryPolicy = policy({
      Sid: 'TrainingAccountPulls',
      Effect: 'Allow',
      Principal: { AWS: trainingRoot },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    });
    const set = await ecr.send(new SetRepositoryPolicyCommand({ repositoryName, policyText: repositoryPolicy }));
    assert.equal(set.repositoryName, repositoryName);
    assert.equal(set.registryId, registryAccount);
    assert.deepEqual(JSON.parse(set.policyText), JSON.parse(repositoryPolicy));

    const read = await ecr.send(new GetRepositoryPolicyCommand({ repositoryName }));
    assert.equal(read.repositoryName, repositoryName);
    assert.equal(read.registryId, registryAccount);
    assert.deepEqual(JSON.parse(read.policyText), JSON.parse(repositoryPolicy));

    const deleted = await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName }));
    assert.deepEqual(JSON.parse(deleted.policyText), JSON.parse(repositoryPolicy));
    await assertAwsError(
      clients.ecr(undefined, noRetry).send(new GetRepositoryPolicyCommand({ repositoryName })),
      { name: 'RepositoryPolicyNotFoundException', status: 400 });
  });

  test('S3 bucket policy: put, get, delete', async () => {
    const s3 = clients.s3();
    const bucket = uniqueName('model-artifacts');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));

    await assertAwsError(
      clients.s3(undefined, noRetry).send(new GetBucketPolicyCommand({ Bucket: bucket })),
      { name: 'NoSuchBucketPolicy', status: 404 });

    const bucketPolicy = policy({
      Sid: 'TrainingAccountReadsArtifacts',
      Effect: 'Allow',
      Principal: { AWS: trainingRoot },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    const put = await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy }));
    assert.equal(put.$metadata.httpStatusCode, 204);

    const read = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    assert.deepEqual(JSON.parse(read.Policy), JSON.parse(bucketPolicy));

    const deleted = await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertAwsError(
      clients.s3(undefined, noRetry).send(new GetBucketPolicyCommand({ Bucket: bucket })),
      { name: 'NoSuchBucketPolicy', status: 404 });
  });

  test('S3 bucket policy on a bucket that does not exist is NoSuchBucket', async () => {
    await assertAwsError(
      clients.s3(undefined, noRetry).send(new GetBucketPolicyCommand({ Bucket: uniqueName('no-such-bucket') })),
      { name: 'NoSuchBucket', status: 404 });
  });

  test('KMS key: default policy, put and get policy, grants', async () => {
    const kms = clients.kms();
    const startedAt = new Date();
    const { KeyMetadata: key } = await kms.send(new CreateKeyCommand({ Description: 'Model artifact encryption' }));
    assert.equal(key.AWSAccountId, registryAccount);
    assert.match(key.KeyId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(key.Arn, `arn:aws:kms:us-east-1:${registryAccount}:key/${key.KeyId}`);
    assert.equal(key.Description, 'Model artifact encryption');
    assert.equal(key.Enabled, true);
    assert.equal(key.KeyState, 'Enabled');
    assert.equal(key.KeyUsage, 'ENCRYPT_DECRYPT');
    assert.equal(key.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(key.KeyManager, 'CUSTOMER');
    assert.equal(key.Origin, 'AWS_KMS');
    assertTimeBetween(key.CreationDate, startedAt, new Date());
    const { KeyMetadata: describedKey } = await kms.send(new DescribeKeyCommand({ KeyId: key.Arn }));
    assert.deepEqual(describedKey, key);

    const defaultPolicy = await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    assert.deepEqual(JSON.parse(defaultPolicy.Policy), {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: accounts.registry.rootArn },
        Action: 'kms:*',
        Resource: '*',
      }],
    });

    const keyPolicy = JSON.stringify({
      Version: '2012-10-17',
      Id: 'model-artifacts',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: accounts.registry.rootArn },
          Action: 'kms:*', Resource: '*',
        },
        {
          Sid: 'TrainingAccountDecrypts', Effect: 'Allow', Principal: { AWS: trainingRoot },
          Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*',
        },
      ],
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.Arn, PolicyName: 'default', Policy: keyPolicy }));
    const read = await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
    assert.deepEqual(JSON.parse(read.Policy), JSON.parse(keyPolicy));

    const grant = await kms.send(new CreateGrantCommand({
      KeyId: key.KeyId,
      GranteePrincipal: trainingRoot,
      Operations: ['Decrypt', 'GenerateDataKey'],
      Name: 'training-reads-artifacts',
    }));
    assert.match(grant.GrantId, /^[0-9a-f]{16,}$/i);
    assert.ok(grant.GrantToken, 'CreateGrant returns a grant token');

    const { Grants: grants } = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }));
    assert.equal(grants.length, 1);
    const [listed] = grants;
    assert.equal(listed.GrantId, grant.GrantId);
    assert.equal(listed.KeyId, key.Arn);
    assert.equal(listed.GranteePrincipal, trainingRoot);
    assert.deepEqual(listed.Operations, ['Decrypt', 'GenerateDataKey']);
    assert.equal(listed.Name, 'training-reads-artifacts');
    assert.equal(listed.IssuingAccount, accounts.registry.rootArn);
    assertTimeBetween(listed.CreationDate, startedAt, new Date());

    await kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: grant.GrantId }));
    const afterRevoke = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }));
    assert.deepEqual(afterRevoke.Grants, []);
  });

  test('KMS GetKeyPolicy on a key that does not exist is NotFoundException', async () => {
    await assertAwsError(
      clients.kms(undefined, noRetry).send(new GetKeyPolicyCommand({
        KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', PolicyName: 'default',
      })),
      { name: 'NotFoundException', status: 400 });
  });
});
