"""Text as data, the lowest layer: what every other layer needs to handle untrusted text.

- :mod:`.textnorm`: raw file text to safe, normalised text (escape sequences and control
  characters out, line endings and Unicode normalised).
- :mod:`.filenames`: file names (bytes on POSIX) as lossless text, and back.
- :mod:`.display`: names, paths and ids made safe to print on a terminal.
"""
