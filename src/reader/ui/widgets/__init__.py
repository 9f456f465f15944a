"""Reader's widgets."""
