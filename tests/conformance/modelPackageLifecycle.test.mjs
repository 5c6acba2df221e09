// Model package group and version lifecycle, as the SageMaker Developer Guide's iris example runs it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BatchDescribeModelPackageCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListTagsCommand,
} from '@aws-sdk/client-sagemaker';
import { assertAwsError, assertTimeBetween } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { irisInferenceSpecification, irisModelPackageInput, sageMakerArns, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const registryAccount = accounts.registry.accountId;

describe('model package group and version lifecycle', () => {
  let registry;
  let sageMaker;
  let sageMakerExpectingErrors;

  before(async () => {
    registry = await startLocalRegistry();
    const clients = clientsFor(registry.endpoint);
    sageMaker = clients.sageMaker();
    sageMakerExpectingErrors = clients.sageMaker(undefined, noRetry);
  });

  after(async () => {
    await registry?.stop();
  });

  test('a group is created, described with its ARN, listed and deleted', async () => {
    const groupName = uniqueName('iris-classifier');
    const groupArn = sageMakerArns.group(registryAccount, groupName);
    const startedAt = new Date();

    const created = await sageMaker.send(new CreateModelPackageGroupCommand({
      ModelPackageGroupName: groupName,
      ModelPackageGroupDescription: 'Iris flower classifiers',
      Tags: [{ Key: 'team', Value: 'conformance' }],
    }));
    assert.equal(created.ModelPackageGroupArn, groupArn);
    assert.equal(created.$metadata.httpStatusCode, 200);

    const described = await sageMaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    assert.equal(described.ModelPackageGroupName, groupName);
    assert.equal(described.ModelPackageGroupArn, groupArn);
    assert.equal(described.ModelPackageGroupDescription, 'Iris flower classifiers');
    assert.equal(described.ModelPackageGroupStatus, 'Completed');
    assertTimeBetween(described.CreationTime, startedAt, new Date());
    assert.equal(described.CreatedBy?.IamIdentity?.Arn, accounts.registry.rootArn);

    const byArn = await sageMaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupArn }));
    assert.equal(byArn.ModelPackageGroupName, groupName);

    const listed = await sageMaker.send(new ListModelPackageGroupsCommand({ NameContains: groupName }));
    assert.deepEqual(listed.ModelPackageGroupSummaryList.map((g) => [g.ModelPackageGroupName, g.ModelPackageGroupArn]),
      [[groupName, groupArn]]);

    const tags = await sageMaker.send(new ListTagsCommand({ ResourceArn: groupArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'conformance' }]);

    await sageMaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    await assertAwsError(
      sageMakerExpectingErrors.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupName })),
      { name: 'ValidationException', status: 400 });
  });

  test('a second group of the same name is refused and the first is kept', async () => {
    const groupName = uniqueName('duplicate');
    await sageMaker.send(new CreateModelPackageGroupCommand({
      ModelPackageGroupName: groupName, ModelPackageGroupDescription: 'first',
    }));

    await assertAwsError(
      sageMakerExpectingErrors.send(new CreateModelPackageGroupCommand({
        ModelPackageGroupName: groupName, ModelPackageGroupDescription: 'second',
      })),
      { name: 'ValidationException', status: 400 });

    const described = await sageMaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    assert.equal(described.ModelPackageGroupDescription, 'first');
  });

  test('describing a group or version that does not exist is a ValidationException', async () => {
    const missingGroup = uniqueName('missing');
    await assertAwsError(
      sageMakerExpectingErrors.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: missingGroup })),
      { name: 'ValidationException', status: 400 });
    await assertAwsError(
      sageMakerExpectingErrors.send(new DescribeModelPackageCommand({
        ModelPackageName: sageMakerArns.version(registryAccount, missingGroup, 1),
      })),
      { name: 'ValidationException', status: 400 });
  });

  test('a model version is registered, described, listed and deleted; version numbers are never reused', async () => {
    const groupName = uniqueName('iris');
    const bucket = uniqueName('iris-models');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const startedAt = new Date();

    const first = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
    const firstArn = sageMakerArns.version(registryAccount, groupName, 1);
    assert.equal(first.ModelPackageArn, firstArn);

    const described = await sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: firstArn }));
    assert.equal(described.ModelPackageArn, firstArn);
    assert.equal(described.ModelPackageGroupName, groupName);
    // AWS names a versioned package after its group.
    assert.equal(described.ModelPackageName, groupName);
    assert.equal(described.ModelPackageVersion, 1);
    assert.equal(described.ModelPackageDescription, 'XGBoost classifier trained on the iris data set');
    assert.equal(described.ModelApprovalStatus, 'PendingManualApproval');
    assert.ok(['Pending', 'InProgress', 'Completed'].includes(described.ModelPackageStatus), described.ModelPackageStatus);
    assert.ok(described.ModelPackageStatusDetails, 'ModelPackageStatusDetails is required in DescribeModelPackage output');
    assertTimeBetween(described.CreationTime, startedAt, new Date());
    assert.deepEqual(described.InferenceSpecification, irisInferenceSpecification(bucket));

    const second = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
    assert.equal(second.ModelPackageArn, sageMakerArns.version(registryAccount, groupName, 2));

    const listed = await sageMaker.send(new ListModelPackagesCommand({
      ModelPackageGroupName: groupName, SortBy: 'CreationTime', SortOrder: 'Ascending',
    }));
    assert.deepEqual(listed.ModelPackageSummaryList.map((p) => p.ModelPackageArn), [firstArn, second.ModelPackageArn]);
    const [firstSummary] = listed.ModelPackageSummaryList;
    assert.equal(firstSummary.ModelPackageGroupName, groupName);
    assert.equal(firstSummary.ModelPackageVersion, 1);
    assert.equal(firstSummary.ModelApprovalStatus, 'PendingManualApproval');
    assert.equal(firstSummary.ModelPackageDescription, 'XGBoost classifier trained on the iris data set');
    assert.ok(firstSummary.CreationTime instanceof Date);
    assert.equal(firstSummary.InferenceSpecification, undefined, 'summaries carry no inference specification');

    // Deleting the newest version must not free its number.
    await sageMaker.send(new DeleteModelPackageCommand({ ModelPackageName: second.ModelPackageArn }));
    await assertAwsError(
      sageMakerExpectingErrors.send(new DescribeModelPackageCommand({ ModelPackageName: second.ModelPackageArn })),
      { name: 'ValidationException', status: 400 });

    const third = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
    assert.equal(third.ModelPackageArn, sageMakerArns.version(registryAccount, groupName, 3));

    await sageMaker.send(new DeleteModelPackageCommand({ ModelPackageName: firstArn }));
    const remaining = await sageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(remaining.ModelPackageSummaryList.map((p) => p.ModelPackageVersion), [3]);

    await sageMaker.send(new DeleteModelPackageCommand({ ModelPackageName: third.ModelPackageArn }));
    await sageMaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const afterDelete = await sageMaker.send(new ListModelPackageGroupsCommand({ NameContains: groupName }));
    assert.deepEqual(afterDelete.ModelPackageGroupSummaryList, []);
  });

  test('BatchDescribeModelPackage describes several versions and reports the missing ones', async () => {
    const groupName = uniqueName('batch');
    const bucket = uniqueName('batch-models');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    const first = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, { bucket })));
    const second = await sageMaker.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, {
      bucket, ModelApprovalStatus: 'Approved',
    })));
    const missingArn = sageMakerArns.version(registryAccount, groupName, 99);

    const batch = await sageMaker.send(new BatchDescribeModelPackageCommand({
      ModelPackageArnList: [first.ModelPackageArn, second.ModelPackageArn, missingArn],
    }));
    assert.deepEqual(Object.keys(batch.ModelPackageSummaries).sort(), [first.ModelPackageArn, second.ModelPackageArn].sort());
    const secondSummary = batch.ModelPackageSummaries[second.ModelPackageArn];
    assert.equal(secondSummary.ModelPackageArn, second.ModelPackageArn);
    assert.equal(secondSummary.ModelPackageGroupName, groupName);
    assert.equal(secondSummary.ModelPackageVersion, 2);
    assert.equal(secondSummary.ModelApprovalStatus, 'Approved');
    assert.deepEqual(secondSummary.InferenceSpecification, irisInferenceSpecification(bucket));
    assert.deepEqual(Object.keys(batch.BatchDescribeModelPackageErrorMap), [missingArn]);
    const missing = batch.BatchDescribeModelPackageErrorMap[missingArn];
    assert.ok(missing.ErrorCode && missing.ErrorResponse, 'a missing version is reported with a code and a message');
  });

  test('a version cannot be registered in a group that does not exist', async () => {
    await assertAwsError(
      sageMakerExpectingErrors.send(new CreateModelPackageCommand(irisModelPackageInput(uniqueName('no-such-group')))),
      { name: 'ValidationException', status: 400 });
  });

  test('input that breaks the service model is refused before anything is stored', async () => {
    const groupName = uniqueName('invalid');
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));

    const error = await assertAwsError(
      sageMakerExpectingErrors.send(new CreateModelPackageCommand(irisModelPackageInput(groupName, {
        ModelApprovalStatus: 'Maybe',
      }))),
      { name: 'ValidationException', status: 400, message: /modelApprovalStatus/i });
    assert.match(error.message, /Maybe/);

    const listed = await sageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName }));
    assert.deepEqual(listed.ModelPackageSummaryList, []);
  });
});
