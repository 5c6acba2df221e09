// UpdateModelPackage changes only what it is sent; CreateModelPackage honours ClientToken.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { assertTimeBetween } from './support/assertions.mjs';
import { clientsFor } from './support/clients.mjs';
import { irisInferenceSpecification, irisModelPackageInput, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

describe('updating a model version', () => {
  let registry;
  let sageMaker;

  before(async () => {
    registry = await startLocalRegistry();
    sageMaker = clientsFor(registry.endpoint).sageMaker();
  });

  after(async () => {
    await registry?.stop();
  });

  async function registerVersion(overrides = {}) {
    const groupName = uniqueName('update');
    const bucket = uniqueName('artifacts');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const { ModelPackageArn } = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, {
      bucket,
      CustomerMetadataProperties: { team: 'vision', stage: 'dev' },
      MetadataProperties: { ProjectId: 'iris-project', GeneratedBy: 'conformance-suite' },
      ...overrides,
    })));
    return { groupName, bucket, arn: ModelPackageArn };
  }

  const describeVersion = (arn) => sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));

  test('approval changes status and reason and keeps every member it was not sent', async () => {
    const { bucket, arn } = await registerVersion();
    const original = await describeVersion(arn);
    const startedAt = new Date();

    const updated = await sageMaker.send(new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'Accuracy 0.97 on the hold-out set',
    }));
    assert.equal(updated.ModelPackageArn, arn);

    const described = await describeVersion(arn);
    assert.equal(described.ModelApprovalStatus, 'Approved');
    assert.equal(described.ApprovalDescription, 'Accuracy 0.97 on the hold-out set');
    assertTimeBetween(described.LastModifiedTime, startedAt, new Date());
    assert.deepEqual(described.InferenceSpecification, irisInferenceSpecification(bucket));
    assert.equal(described.ModelPackageDescription, original.ModelPackageDescription);
    assert.deepEqual(described.MetadataProperties, { ProjectId: 'iris-project', GeneratedBy: 'conformance-suite' });
    assert.deepEqual(described.CustomerMetadataProperties, { team: 'vision', stage: 'dev' });
    assert.equal(described.ModelPackageVersion, original.ModelPackageVersion);
    assert.deepEqual(described.CreationTime, original.CreationTime);

    const [summary] = (await sageMaker.send(new ListModelPackagesCommand({
      ModelPackageGroupName: described.ModelPackageGroupName,
    }))).ModelPackageSummaryList;
    assert.equal(summary.ModelApprovalStatus, 'Approved', 'the listing shows the new approval status');
  });

  test('customer metadata is merged on update and removed by key', async () => {
    const { arn } = await registerVersion();

    await sageMaker.send(new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      CustomerMetadataProperties: { stage: 'prod', owner: 'ml-platform' },
    }));
    let described = await describeVersion(arn);
    assert.deepEqual(described.CustomerMetadataProperties, { team: 'vision', stage: 'prod', owner: 'ml-platform' });
    assert.equal(described.ModelApprovalStatus, 'PendingManualApproval', 'approval untouched by a metadata update');

    await sageMaker.send(new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      CustomerMetadataPropertiesToRemove: ['owner'],
    }));
    described = await describeVersion(arn);
    assert.deepEqual(described.CustomerMetadataProperties, { team: 'vision', stage: 'prod' });
  });

  test('two CreateModelPackage calls with one ClientToken register one version', async () => {
    const groupName = uniqueName('idempotent');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const input = irisModelPackageInput(groupName, { ClientToken: uniqueName('token') });

    const first = await sageMaker.send(new CreateModelPackageCommand(input));
    const repeated = await sageMaker.send(new CreateModelPackageCommand(input));
    assert.equal(repeated.ModelPackageArn, first.ModelPackageArn);

    const other = await sageMaker.send(new CreateModelPackageCommand({ ...input, ClientToken: uniqueName('token') }));
    assert.notEqual(other.ModelPackageArn, first.ModelPackageArn);

    const listed = await sageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(listed.ModelPackageSummaryList.map((s) => s.ModelPackageVersion).sort(), [1, 2]);
  });
});
