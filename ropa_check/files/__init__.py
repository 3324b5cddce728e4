"""Finding and reading record files safely: discovery, record roots, regular files only."""
