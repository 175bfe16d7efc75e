"""The "Design my setup" questionnaire: plain answers compose a whole setup that follows the guide.

- :mod:`.answers`: the questions' answers (:class:`Answers`) and what each choice means;
- :mod:`.compose`: answers → :class:`Composition` (a complete ``Config`` and its decisions, each
  with the answer it came from and the guide's reason);
- :mod:`.recompose`: a changed answer recomposes the setup without losing the user's own edits.

No Streamlit here: the wizard's panel is ``hubwizard/ui/questionnaire.py``.
"""

from __future__ import annotations

from hubwizard.config import Config
from hubwizard.questionnaire.answers import (
    DEFAULT_STEPS,
    STEPS,
    TEAMS,
    Answers,
    Chase,
    Decision,
    Problems,
    ProductLine,
)
from hubwizard.questionnaire.compose import Composition, compose
from hubwizard.questionnaire.recompose import Merged, edit_size, merge

__all__ = [
    "DEFAULT_STEPS",
    "STEPS",
    "TEAMS",
    "Answers",
    "Chase",
    "Composition",
    "Decision",
    "Merged",
    "Problems",
    "ProductLine",
    "compose",
    "edit_size",
    "merge",
    "recompose",
]


def recompose(previous: Answers, current: Config, answers: Answers) -> tuple[Composition, Merged]:
    """The setup for ``answers``, with the edits the user made to ``current`` since it was
    composed from ``previous`` (both composed in the current language)."""
    base = compose(previous).config
    composition = compose(answers)
    merged = merge(base, current, composition.config)
    return composition, merged
