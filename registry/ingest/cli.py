"""`flask ingest extract FILE --json`: print the extracted record without registering anything.

The group is registered by the application factory (not here); the command needs no database.
"""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup

from registry.ingest.extract import extract_record
from registry.ingest.files import IngestError, read_file

ingest_cli = AppGroup("ingest", help="Đọc tệp văn bản / read document files.")


@ingest_cli.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans (mark them 'needs OCR').")
@click.option("--max-bytes", type=int, default=50 * 2**20, show_default=True)
def extract_command(path: str, as_json: bool, no_ocr: bool, max_bytes: int) -> None:
    """Extract text and a pre-filled record from PATH; exit status 2 on an unreadable file."""
    try:
        et = read_file(path, filename=path, max_bytes=max_bytes, ocr=not no_ocr)
    except IngestError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    rec = extract_record(et.text)
    data = {
        "file": {
            "filename": et.filename,
            "sha256": et.sha256,
            "media_type": et.media_type,
            "pages": et.pages,
            "method": et.method,
            "needs_ocr": et.needs_ocr,
            "legacy_encoding": et.legacy_encoding,
            "metadata": et.metadata,
        },
        "record": rec.to_json(),
    }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for name, value in data["record"].items():
        if isinstance(value, dict):
            click.echo(f"{name}: {value['value']}")
    click.echo(f"citations: {len(rec.citations)}, bases: {len(rec.bases)}, effects: {len(rec.effects)}")
