// Paging, sorting and filtering 250 versions of one group with the SDK's own paginator, against the
// SQLite store (--data-dir) so the persistent listing path is the one exercised.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  ListModelPackagesCommand,
  paginateListModelPackages,
} from '@aws-sdk/client-sagemaker';
import { assertAwsError } from './support/assertions.mjs';
import { accounts, clientsFor, noRetry } from './support/clients.mjs';
import { inBatches, irisModelPackageInput, sageMakerArns, uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const versionCount = 250;
const pageSize = 100;
// Every fifth registration is already approved, so the approval filter has something to separate.
const isApproved = (registrationIndex) => registrationIndex % 5 === 0;

async function collectPages(client, input) {
  const pages = [];
  for await (const page of paginateListModelPackages({ client, pageSize }, input)) {
    pages.push(page);
  }
  return pages;
}

function assertCreationTimesOrdered(summaries, order) {
  for (let i = 1; i < summaries.length; i++) {
    const [previous, current] = [summaries[i - 1].CreationTime.getTime(), summaries[i].CreationTime.getTime()];
    assert.ok(order === 'Ascending' ? previous <= current : previous >= current,
      `${order}: item ${i - 1} (version ${summaries[i - 1].ModelPackageVersion}) and item ${i} (version ${summaries[i].ModelPackageVersion}) are out of order`);
  }
}

describe('listing 250 versions of a group', () => {
  const groupName = uniqueName('paging');
  let registry;
  let sageMaker;
  let createdArns;

  before(async () => {
    registry = await startLocalRegistry({ persistent: true });
    sageMaker = clientsFor(registry.endpoint).sageMaker();
    await sageMaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }));
    // Batches run one after another, so every version of a batch is older than every version of the next.
    createdArns = await inBatches(versionCount, 10, async (index) => {
      const input = irisModelPackageInput(groupName, {
        ModelApprovalStatus: isApproved(index) ? 'Approved' : 'PendingManualApproval',
        ModelPackageDescription: `registration ${index} of ${versionCount}`,
      });
      return (await sageMaker.send(new CreateModelPackageCommand(input))).ModelPackageArn;
    });
  });

  after(async () => {
    await registry?.stop();
  });

  test('parallel registration hands out each version number 1..250 exactly once', () => {
    const expected = Array.from({ length: versionCount }, (_, i) => sageMakerArns.version(accounts.registry.accountId, groupName, i + 1));
    assert.deepEqual([...createdArns].sort(), [...expected].sort());
  });

  test('MaxResults 100 gives three pages (100, 100, 50) with 250 distinct ARNs', async () => {
    const pages = await collectPages(sageMaker, { ModelPackageGroupName: groupName });
    assert.deepEqual(pages.map((p) => p.ModelPackageSummaryList.length), [100, 100, 50]);
    assert.ok(pages[0].NextToken && pages[1].NextToken, 'the first two pages carry a NextToken');
    assert.equal(pages[2].NextToken, undefined, 'the last page carries no NextToken');

    const arns = pages.flatMap((p) => p.ModelPackageSummaryList.map((s) => s.ModelPackageArn));
    assert.equal(new Set(arns).size, versionCount);
    assert.deepEqual([...arns].sort(), [...createdArns].sort());
  });

  for (const order of ['Ascending', 'Descending']) {
    test(`SortBy CreationTime, SortOrder ${order} orders all pages`, async () => {
      const pages = await collectPages(sageMaker, { ModelPackageGroupName: groupName, SortBy: 'CreationTime', SortOrder: order });
      const summaries = pages.flatMap((p) => p.ModelPackageSummaryList);
      assert.equal(summaries.length, versionCount);
      assertCreationTimesOrdered(summaries, order);

      const firstBatch = order === 'Ascending' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [241, 242, 243, 244, 245, 246, 247, 248, 249, 250];
      assert.deepEqual(summaries.slice(0, 10).map((s) => s.ModelPackageVersion).sort((a, b) => a - b), firstBatch);
    });
  }

  test('ModelApprovalStatus filters across pages', async () => {
    // Versions of one batch are numbered in arrival order, so expectations follow the returned ARNs.
    const approvedArns = createdArns.filter((_, i) => isApproved(i + 1)).sort();
    const pendingArns = createdArns.filter((_, i) => !isApproved(i + 1)).sort();

    const approved = (await collectPages(sageMaker, { ModelPackageGroupName: groupName, ModelApprovalStatus: 'Approved' }))
      .flatMap((p) => p.ModelPackageSummaryList);
    assert.ok(approved.every((s) => s.ModelApprovalStatus === 'Approved'));
    assert.deepEqual(approved.map((s) => s.ModelPackageArn).sort(), approvedArns);

    const pendingPages = await collectPages(sageMaker, {
      ModelPackageGroupName: groupName, ModelApprovalStatus: 'PendingManualApproval',
    });
    assert.deepEqual(pendingPages.map((p) => p.ModelPackageSummaryList.length), [100, 100]);
    const pending = pendingPages.flatMap((p) => p.ModelPackageSummaryList);
    assert.ok(pending.every((s) => s.ModelApprovalStatus === 'PendingManualApproval'));
    assert.deepEqual(pending.map((s) => s.ModelPackageArn).sort(), pendingArns);

    const rejected = await sageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName, ModelApprovalStatus: 'Rejected' }));
    assert.deepEqual(rejected.ModelPackageSummaryList, []);
    assert.equal(rejected.NextToken, undefined);
  });

  test('MaxResults above 100 is refused as the service model says', async () => {
    const client = clientsFor(registry.endpoint).sageMaker(undefined, noRetry);
    await assertAwsError(
      client.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName, MaxResults: 101 })),
      { name: 'ValidationException', status: 400, message: /maxResults/i });
  });
});
