"""The application layer: one open corpus as both the CLI and the TUI use it.

It sits between the headless core (:mod:`reader.core`) and the two front ends
(:mod:`reader.cli`, :mod:`reader.ui`), which only turn arguments or keys into calls here
and render what comes back.
"""
