// S3 objects round-trip byte for byte, whichever body encoding the v3 SDK picks: a buffered body with
// an x-amz-checksum-crc32 header, or a stream sent aws-chunked with a CRC32 trailer.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { assertAwsError } from './support/assertions.mjs';
import { clientsFor, noRetry } from './support/clients.mjs';
import { uniqueName } from './support/fixtures.mjs';
import { startLocalRegistry } from './support/localRegistry.mjs';

const quotedMd5 = (bytes) => `"${createHash('md5').update(bytes).digest('hex')}"`;

function base64Crc32(bytes) {
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(bytes));
  return checksum.toString('base64');
}

describe('S3 objects', () => {
  let registry;
  let s3;
  let bucket;

  before(async () => {
    registry = await startLocalRegistry();
    s3 = clientsFor(registry.endpoint).s3();
    bucket = uniqueName('model-artifacts');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  after(async () => {
    await registry?.stop();
  });

  async function assertStored(key, bytes, { contentType, metadata }) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    assert.equal(head.ETag, quotedMd5(bytes));
    assert.equal(head.ContentLength, bytes.length);
    assert.equal(head.ContentType, contentType);
    assert.deepEqual(head.Metadata, metadata);
    assert.ok(head.LastModified instanceof Date);

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    assert.equal(got.ETag, quotedMd5(bytes));
    assert.equal(got.ContentLength, bytes.length);
    assert.equal(got.ContentType, contentType);
    assert.deepEqual(got.Metadata, metadata);
    const body = Buffer.from(await got.Body.transformToByteArray());
    assert.equal(body.length, bytes.length);
    assert.ok(body.equals(bytes), 'GetObject returns the bytes that were put');
  }

  test('a buffered body with a CRC32 header round-trips bytes, ETag and metadata', async () => {
    const key = 'models/iris/model.tar.gz';
    const bytes = randomBytes(70_000);

    const put = await s3.send(new PutObjectCommand({
      Bucket: bucket, Key: key, Body: bytes, ContentType: 'application/gzip', Metadata: { framework: 'xgboost' },
    }));
    assert.equal(put.ETag, quotedMd5(bytes));

    await assertStored(key, bytes, { contentType: 'application/gzip', metadata: { framework: 'xgboost' } });
  });

  test('a streamed body sent aws-chunked with a CRC32 trailer round-trips', async () => {
    const key = 'models/iris/streamed model (v2).tar.gz';
    const parts = [randomBytes(64 * 1024), randomBytes(64 * 1024), randomBytes(3_333)];
    const bytes = Buffer.concat(parts);

    const put = await s3.send(new PutObjectCommand({
      Bucket: bucket, Key: key, Body: Readable.from(parts), ContentLength: bytes.length, ContentType: 'application/octet-stream',
    }));
    assert.equal(put.ETag, quotedMd5(bytes));

    await assertStored(key, bytes, { contentType: 'application/octet-stream', metadata: {} });
  });

  test('PutObject answers with the CRC32 it verified, for both body encodings', async () => {
    // AWS returns x-amz-checksum-crc32 whenever the upload carried that checksum.
    const bytes = randomBytes(20_000);
    const buffered = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'checksums/buffered', Body: bytes }));
    assert.equal(buffered.ChecksumCRC32, base64Crc32(bytes), 'header checksum echoed');

    const streamed = await s3.send(new PutObjectCommand({
      Bucket: bucket, Key: 'checksums/streamed', Body: Readable.from([bytes]), ContentLength: bytes.length,
    }));
    assert.equal(streamed.ChecksumCRC32, base64Crc32(bytes), 'trailer checksum echoed');
  });

  test('an empty object round-trips', async () => {
    const key = 'markers/_SUCCESS';
    const empty = Buffer.alloc(0);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: empty, ContentType: 'text/plain' }));
    assert.equal(put.ETag, quotedMd5(empty));
    await assertStored(key, empty, { contentType: 'text/plain', metadata: {} });
  });

  test('a ranged GetObject answers 206 with just those bytes', async () => {
    const key = 'ranges/alphabet';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('0123456789abcdefghij') }));

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=10-14' }));
    assert.equal(got.$metadata.httpStatusCode, 206);
    assert.equal(got.ContentRange, 'bytes 10-14/20');
    assert.equal(got.ContentLength, 5);
    assert.equal(await got.Body.transformToString(), 'abcde');
  });

  describe('a body that does not match its digest is refused with BadDigest and not stored', () => {
    const body = Buffer.from('the bytes actually sent');

    async function assertRefused(key, digest) {
      const client = clientsFor(registry.endpoint).s3(undefined, noRetry);
      await assertAwsError(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...digest })),
        { name: 'BadDigest', status: 400 });
      await assertAwsError(client.send(new GetObjectCommand({ Bucket: bucket, Key: key })), { name: 'NoSuchKey', status: 404 });
    }

    test('Content-MD5', async () => {
      await assertRefused('digests/md5', { ContentMD5: createHash('md5').update('something else').digest('base64') });
    });

    test('x-amz-checksum-crc32', async () => {
      // A checksum the caller sets is sent as is: the SDK then computes none of its own.
      await assertRefused('digests/crc32', { ChecksumCRC32: base64Crc32(Buffer.from('something else')) });
    });
  });

  test('a missing key is NoSuchKey for GetObject and NotFound for HeadObject', async () => {
    const client = clientsFor(registry.endpoint).s3(undefined, noRetry);
    await assertAwsError(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'no/such/key' })),
      { name: 'NoSuchKey', status: 404 });
    // HEAD responses have no body, so the SDK can only name the status.
    await assertAwsError(client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'no/such/key' })),
      { name: 'NotFound', status: 404 });
  });

  describe('multipart uploads', () => {
    // S3's ETag for a multipart object: the MD5 of the parts' binary MD5s, then the part count.
    const multipartETag = (parts) =>
      `"${createHash('md5').update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))).digest('hex')}-${parts.length}"`;

    test('a 10 MB artifact uploaded in parts (one buffered, one streamed) completes into one object', async () => {
      const key = 'models/churn/model.tar.gz';
      const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024 + 4_321)];
      const created = await s3.send(new CreateMultipartUploadCommand({
        Bucket: bucket, Key: key, ContentType: 'application/gzip', Metadata: { framework: 'xgboost' },
      }));
      assert.ok(created.UploadId);

      const first = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: created.UploadId, PartNumber: 1, Body: parts[0] }));
      const second = await s3.send(new UploadPartCommand({
        Bucket: bucket, Key: key, UploadId: created.UploadId, PartNumber: 2, Body: Readable.from([parts[1]]), ContentLength: parts[1].length,
      }));
      assert.deepEqual([first.ETag, second.ETag], parts.map(quotedMd5));

      const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: created.UploadId }));
      assert.deepEqual(listed.Parts.map((p) => [p.PartNumber, p.Size, p.ETag]), parts.map((p, i) => [i + 1, p.length, quotedMd5(p)]));

      const completed = await s3.send(new CompleteMultipartUploadCommand({
        Bucket: bucket, Key: key, UploadId: created.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag }, { PartNumber: 2, ETag: second.ETag }] },
      }));
      assert.equal(completed.ETag, multipartETag(parts));

      const bytes = Buffer.concat(parts);
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      assert.equal(head.ETag, multipartETag(parts));
      assert.equal(head.ContentLength, bytes.length);
      assert.equal(head.ContentType, 'application/gzip');
      assert.deepEqual(head.Metadata, { framework: 'xgboost' });
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(bytes), 'GetObject returns the parts in order');
    });

    test('an aborted upload is NoSuchUpload and leaves no object', async () => {
      const client = clientsFor(registry.endpoint).s3(undefined, noRetry);
      const key = 'models/abandoned.bin';
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1000) }));

      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));

      await assertAwsError(client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId })), { name: 'NoSuchUpload', status: 404 });
      await assertAwsError(client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })), { name: 'NotFound', status: 404 });
    });

    test('a part under 5 MB that is not the last one is EntityTooSmall', async () => {
      const client = clientsFor(registry.endpoint).s3(undefined, noRetry);
      const key = 'models/too-small.bin';
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      const parts = [];
      for (const PartNumber of [1, 2]) {
        const { ETag } = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber, Body: randomBytes(1024) }));
        parts.push({ PartNumber, ETag });
      }

      await assertAwsError(
        client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } })),
        { name: 'EntityTooSmall', status: 400 });
    });
  });

  test('putting into a bucket that does not exist is NoSuchBucket', async () => {
    const client = clientsFor(registry.endpoint).s3(undefined, noRetry);
    await assertAwsError(
      client.send(new PutObjectCommand({ Bucket: uniqueName('no-such-bucket'), Key: 'k', Body: Buffer.from('x') })),
      { name: 'NoSuchBucket', status: 404 });
  });
});
