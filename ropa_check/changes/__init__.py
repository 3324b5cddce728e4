"""What a change does to the processing."""
