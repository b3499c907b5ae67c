"""The year's phases in a row, the current one marked."""

from __future__ import annotations

import streamlit as st

from prize.phases import ORDER, Phase
from ui.context import tr


def show(phase: Phase, *, key: str) -> None:
    index = ORDER.index(phase)
    steps = []
    for position, step in enumerate(ORDER):
        name = tr(f"labels.phase.{step.value}")
        steps.append(f"**:green[{name}]**" if position == index else
                     (f":gray[{name}]" if position > index else f":gray[✓ {name}]"))
    with st.container(key=key):
        st.markdown(" → ".join(steps))
        st.progress(index / (len(ORDER) - 1), text=tr("overview.phase_progress", number=index + 1, total=len(ORDER),
                                                      phase=tr(f"labels.phase.{phase.value}")))
