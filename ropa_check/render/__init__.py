"""`ropa-check render`: the record as an HTML or Markdown document."""
