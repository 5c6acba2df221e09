"""The boto3 side of the side-by-side benchmarks (Debian's python3-boto3, run with /usr/bin/python3).

Usage: boto3_bench.py ENDPOINT_URL register GROUP COUNT
       boto3_bench.py ENDPOINT_URL list GROUP PAGE_SIZE
       boto3_bench.py ENDPOINT_URL seed GROUP COUNT THREADS
Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION).
Prints one JSON object; times exclude creating the client, as the module's figures exclude Import-Module.
"""
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import boto3

IRIS_SPECIFICATION = {
    "Containers": [{
        "Image": "257758044811.dkr.ecr.us-east-2.amazonaws.com/sagemaker-xgboost:1.2-1",
        "ModelDataUrl": "s3://my-bucket/model.tar.gz",
    }],
    "SupportedContentTypes": ["text/csv"],
    "SupportedResponseMIMETypes": ["text/csv"],
}


def register(client, group, count):
    """What New-MRModelVersion does per version: create, then describe the new version."""
    started = time.perf_counter()
    for _ in range(count):
        arn = client.create_model_package(ModelPackageGroupName=group, InferenceSpecification=IRIS_SPECIFICATION)["ModelPackageArn"]
        client.describe_model_package(ModelPackageName=arn)
    return {"count": count, "seconds": time.perf_counter() - started}


def list_versions(client, group, page_size):
    started = time.perf_counter()
    paginator = client.get_paginator("list_model_packages")
    versions = [summary
                for page in paginator.paginate(ModelPackageGroupName=group, PaginationConfig={"PageSize": page_size})
                for summary in page["ModelPackageSummaryList"]]
    return {"count": len(versions), "seconds": time.perf_counter() - started}


def seed(client, group, count, threads):
    """Many versions fast: concurrent creates (botocore clients are thread-safe)."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda _: client.create_model_package(ModelPackageGroupName=group, InferenceSpecification=IRIS_SPECIFICATION),
                      range(count)))
    return {"count": count, "seconds": time.perf_counter() - started}


def main(argv):
    endpoint, command, group, *numbers = argv[1:]
    numbers = [int(n) for n in numbers]
    config = boto3.session.Config(max_pool_connections=max([10] + numbers[1:]))
    # botocore 1.29 reads AWS_DEFAULT_REGION only.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    client = boto3.client("sagemaker", endpoint_url=endpoint, region_name=region, config=config)
    run = {"register": register, "list": list_versions, "seed": seed}[command]
    print(json.dumps(run(client, group, *numbers)))


if __name__ == "__main__":
    main(sys.argv)
