"""Errors the user can fix: printed as one line, exit code 2."""


class UserError(Exception):
    pass
