"""Errors that carry a one-line message meant for the person running the workflow."""


class FinstepError(Exception):
    """Bad input or a refused request: the message names the input and what to do."""


class SecBlockedError(FinstepError):
    """SEC answered with a block page instead of a document.

    Kept separate because retrying makes it worse: SEC extends the block for
    every request made while it lasts.
    """
