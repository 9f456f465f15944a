"""The Textual user interface: a thin layer over ``reader.core``."""
