"""`ropa-check export`: the record in a regulator's layout."""
