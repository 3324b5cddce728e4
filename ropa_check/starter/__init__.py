"""A starter record."""
