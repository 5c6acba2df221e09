// Inputs shared by the scenarios: unique names and the SageMaker Developer Guide's iris model.
import { randomBytes } from 'node:crypto';

/** A name unique to this run, valid for SageMaker groups, ECR repositories, S3 buckets and KMS aliases. */
export function uniqueName(prefix) {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The container of the Developer Guide's "Register a model version" example (XGBoost on iris). */
export const irisImage = '257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1';

/** The InferenceSpecification of that example, with the artifact in `bucket`. */
export function irisInferenceSpecification(bucket) {
  return {
    Containers: [{ Image: irisImage, ModelDataUrl: `s3://${bucket}/model.tar.gz` }],
    SupportedContentTypes: ['text/csv'],
    SupportedResponseMIMETypes: ['text/csv'],
  };
}

/** CreateModelPackage input for a new version of `groupName` (or of a group ARN). */
export function irisModelPackageInput(groupName, { bucket = 'iris-artifacts', ...overrides } = {}) {
  return {
    ModelPackageGroupName: groupName,
    ModelPackageDescription: 'XGBoost classifier trained on the iris data set',
    InferenceSpecification: irisInferenceSpecification(bucket),
    ModelApprovalStatus: 'PendingManualApproval',
    ...overrides,
  };
}

/** The ARNs the registry account's SageMaker resources must have. */
export const sageMakerArns = {
  group: (accountId, groupName) => `arn:aws:sagemaker:us-east-1:${accountId}:model-package-group/${groupName}`,
  version: (accountId, groupName, version) => `arn:aws:sagemaker:us-east-1:${accountId}:model-package/${groupName}/${version}`,
};

/** Runs `create(index)` for 1..count, `batchSize` at a time, and returns the results in index order. */
export async function inBatches(count, batchSize, create) {
  const results = [];
  for (let start = 1; start <= count; start += batchSize) {
    const indexes = Array.from({ length: Math.min(batchSize, count - start + 1) }, (_, offset) => start + offset);
    results.push(...await Promise.all(indexes.map(create)));
  }
  return results;
}
