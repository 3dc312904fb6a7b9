"""The one storage interface for photo files; nothing else in walkapp touches them."""

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app


@dataclass(frozen=True)
class StoredFile:
    key: str
    modified_at: datetime  # aware UTC: a file younger than a transaction may still get its row


class PhotoStorage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...
    def files(self) -> Iterator[StoredFile]: ...


class FileSystemStorage:
    """Files under one directory (instance/photos by default), written atomically."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"storage key escapes the photo directory: {key!r}")
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a crash never leaves half a photo under the final name.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(data)
            temporary = Path(handle.name)
        temporary.replace(path)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def files(self) -> Iterator[StoredFile]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                yield StoredFile(path.relative_to(self.root).as_posix(), modified)


class S3Storage:
    """Objects in an S3-compatible bucket (AWS, MinIO, Ceph, a municipal cloud): for several app
    servers, which then share no disk. Errors surface as OSError, like the file system's."""

    def __init__(self, *, bucket: str, prefix: str = "", **client_options):
        import boto3  # only deployments that use a bucket need it loaded
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = boto3.client(
            "s3",
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
            **{name: value for name, value in client_options.items() if value},
        )

    def _key(self, key: str) -> str:
        if key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"storage key escapes the photo store: {key!r}")
        return self.prefix + key

    def _call(self, method, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return method(Bucket=self.bucket, **kwargs)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in ("NoSuchKey", "404", "NotFound"):
                raise FileNotFoundError(kwargs.get("Key")) from error
            raise OSError(f"photo store: {code or error}") from error
        except BotoCoreError as error:
            raise OSError(f"photo store: {error}") from error

    def put(self, key: str, data: bytes) -> None:
        # A single PUT is atomic in S3: readers see the old object or the new one, never half.
        self._call(self.client.put_object, Key=self._key(key), Body=data)

    def get(self, key: str) -> bytes:
        return self._call(self.client.get_object, Key=self._key(key))["Body"].read()

    def exists(self, key: str) -> bool:
        try:
            self._call(self.client.head_object, Key=self._key(key))
        except FileNotFoundError:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call(self.client.delete_object, Key=self._key(key))

    def files(self) -> Iterator[StoredFile]:
        options = {"Prefix": self.prefix} if self.prefix else {}
        while True:
            page = self._call(self.client.list_objects_v2, **options)
            for item in page.get("Contents", []):
                modified = item["LastModified"].astimezone(UTC)
                yield StoredFile(item["Key"].removeprefix(self.prefix), modified)
            if not page.get("IsTruncated"):
                return
            options["ContinuationToken"] = page["NextContinuationToken"]


def make_storage(config) -> PhotoStorage:
    """The store the settings name: files under PHOTO_DIR, or an S3 bucket."""
    if config["PHOTO_STORE"] == "s3":
        return S3Storage(
            bucket=config["S3_BUCKET"],
            prefix=config["S3_PREFIX"],
            endpoint_url=config["S3_ENDPOINT_URL"],
            region_name=config["S3_REGION"],
            aws_access_key_id=config["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=config["S3_SECRET_ACCESS_KEY"],
        )
    return FileSystemStorage(config["PHOTO_DIR"])


def init_app(app: Flask) -> None:
    app.extensions["walkapp.photo_storage"] = make_storage(app.config)


def get_storage() -> PhotoStorage:
    return current_app.extensions["walkapp.photo_storage"]
