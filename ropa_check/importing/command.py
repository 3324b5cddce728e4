"""The ``import`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Import a record from a spreadsheet (a regulator's layout or a mapping) or from Fides manifests."
#: The shipped spreadsheet layouts (``ropa_check/importing/layouts/<name>.yaml``).
TEMPLATES = ("ico", "skr")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("source", metavar="SOURCE", help="an .xlsx or .csv file, or a Fides manifest or folder of them")
    parser.add_argument("-o", "--output", metavar="FOLDER", required=True, help="the record folder to write")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--template", choices=TEMPLATES, help="the spreadsheet's layout (default: found by its headers)")
    how.add_argument("--mapping", metavar="FILE", help="a column mapping file for any other layout (docs/import.md)")
    parser.add_argument(
        "--from", dest="kind", choices=("spreadsheet", "fides"), help="what SOURCE is (default: found by its content)"
    )
    parser.add_argument("--report", metavar="FILE", help="also write the import report as JSON to FILE")
    parser.add_argument("--force", action="store_true", help="replace FOLDER if it is an existing record folder")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    import os
    from pathlib import Path

    from ropa_check.importing.draft import SourceError
    from ropa_check.importing.importer import Request, build, comment_notes
    from ropa_check.importing.output import refusal, render_files, write_folder
    from ropa_check.importing.report import Report
    from ropa_check.reporters.escape import shown

    def error(message: str) -> int:
        print(f"ropa-check: error: {shown(message)}", file=sys.stderr)
        return 2

    source, output = Path(args.source), Path(args.output)
    kind = args.kind
    why = refusal(output, source, force=args.force)
    if why is not None:
        return error(f"{output}: {why}")
    if args.report is not None:
        report_real = Path(os.path.realpath(args.report))
        inputs = [Path(os.path.realpath(source))] + (
            [] if args.mapping is None else [Path(os.path.realpath(args.mapping))]
        )
        # Never over what the import reads: the source, a file inside a source folder, the mapping file.
        if any(report_real == i or report_real.is_relative_to(i) for i in inputs) or report_real.is_relative_to(
            os.path.realpath(output)
        ):
            return error(
                f"--report {args.report}: must be neither the source, inside it, the mapping file nor inside "
                "the output folder"
            )
    report = Report(str(source), args.template or ("mapping" if args.mapping else "fides" if kind == "fides" else ""))
    request = Request(
        source, output, args.template, None if args.mapping is None else Path(args.mapping), kind, args.force
    )
    try:
        draft = build(request, report)
    except SourceError as exc:
        # What was read before the error, up to a bound: an import stopped by a flood of notes must not
        # print the flood.
        sys.stderr.write(report.text(limit=1_000))
        return error(str(exc))
    if not report.layout:
        report.layout = "fides"
    header = [
        f"Imported by `ropa-check import` from {source.name} "
        + ("(Fides manifests)." if report.layout == "fides" else f"({report.layout} layout)."),
        "Comments starting 'import' are values the import could not place (see the import report).",
    ]
    files = draft.files()
    texts = render_files(files, comment_notes(report), header)
    try:
        write_folder(output, texts, force=args.force)
    except OSError as exc:
        sys.stderr.write(report.text())
        return error(f"{output}: cannot write the record folder: {exc.strerror or exc}")
    sys.stderr.write(report.text())
    if args.report is not None:
        from ropa_check.files.writing import write_whole

        written = {"folder": str(output), "files": sorted(texts), "activities": len(draft.activities)}
        try:
            text = report.as_json(written)

            def write(fh: TextIO) -> None:
                fh.write(text)

            write_whole(args.report, write)
        except OSError as exc:
            return error(f"--report {args.report}: cannot write: {exc.strerror or exc}")
    counts = report.counts()
    out.write(
        f"Imported {len(draft.activities)} activities, {len(draft.recipients)} recipients and "
        f"{len(draft.sources)} sources into {shown(str(output))}; {counts['unplaced']} values not placed, "
        f"{counts['lost']} lost, {counts['warning']} warnings"
        + (" (listed above and as comments in the files).\n" if report.notes else ".\n")
    )
    return 0
