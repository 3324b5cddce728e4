"""`ropa-check import`: a record from a spreadsheet or Fides manifests."""
