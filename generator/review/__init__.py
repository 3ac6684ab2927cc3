"""Checks of a province's pull request on GitHub: which files it changes (`changed`), the pull
request rules (`scope`), the review of the changed lists (`check`) and its reports (`summary`);
plus the generated CODEOWNERS (`codeowners`). Used by `python -m generator check-pr` and
`python -m generator codeowners`."""
