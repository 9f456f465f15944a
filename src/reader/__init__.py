"""reader: a terminal corpus reader."""

__version__ = "0.1.0"
