"""The user's own files and where they live: nothing here may ever lose what the user made.

- :mod:`.paths`: XDG config/data/cache folders (platformdirs), overridable by environment.
- :mod:`.config`: ``config.yaml``.
- :mod:`.state`: remembered positions and past searches.
- :mod:`.yamlio` / :mod:`.yamlfile`: YAML through libyaml, read with size and depth bounds.
- :mod:`.atomicfile`: atomic, locked writes with backups.
- :mod:`.exportfile`: writing an export to whatever path the user names.
"""
