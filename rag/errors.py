"""The one exception type a user can cause; its message says what to do next."""


class NewsragError(Exception):
    """A problem the user can fix (bad input, missing index, wrong settings).

    The CLI prints the message on one line, without a traceback, and exits non-zero.
    """
