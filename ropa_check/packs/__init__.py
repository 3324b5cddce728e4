"""Rule packs shipped with ropa-check that install through the ``ropa_check``
entry-point group, exactly as third-party packs do."""
