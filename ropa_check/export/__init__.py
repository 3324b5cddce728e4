"""`ropa-check export`: the record in a regulator's spreadsheet layout (ICO, SKR, CNIL), as XLSX or CSV.

The flow: :mod:`~ropa_check.export.layout` reads a layout's data file (``layouts/*.yaml``);
:mod:`~ropa_check.export.values` turns the record's activities and data categories into the text of each
cell; :mod:`~ropa_check.export.sheets` lays them out as rows; :mod:`~ropa_check.export.cells` makes each
value safe for a spreadsheet (no formula, no character XML cannot hold); :mod:`~ropa_check.export.write`
writes XLSX or CSV, deterministically and atomically. :mod:`~ropa_check.export.command` is the command.

This package imports nothing at start-up: ``ropa-check check`` imports its ``command`` module (argparse
only) and must not pay for openpyxl. The public entry points are
:func:`ropa_check.export.write.export_record` and :func:`ropa_check.export.write.export_paths`.
"""
