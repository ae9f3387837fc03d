"""Shared wording: how values, thresholds, counterfactuals and flags read in every format.

One place for the sentences, so the terminal, Markdown and (later) HTML and Word say the same
thing in the same words.
"""

from __future__ import annotations

from engine.model.result import AreaOutcome, Counterfactual, Evaluation, Finding, Threshold


def value(number: float, unit: str) -> str:
    """A value in its unit, as a person writes it."""
    if unit == "percent":
        return f"{number:.1f}%"
    if unit == "rate-per-10000":
        return f"{number:.1f} per 10,000"
    if unit == "days":
        return f"{number:g} days"
    if float(number).is_integer():
        return f"{int(number)}"
    return f"{number:.1f}"


def fraction(finding: Finding) -> str:
    """` (180 of 200)` when counts were given, else empty."""
    if finding.numerator is None or finding.denominator is None:
        return ""
    return f" ({finding.numerator:g} of {finding.denominator:g})"


def threshold(cut: Threshold, unit: str, labels: dict[str, str]) -> str:
    """`Good at 90.0% or more`."""
    if cut.comparison == "at-least":
        return f"{labels[cut.grade]} at {value(cut.at, unit)} or more"
    if cut.comparison == "at-most":
        return f"{labels[cut.grade]} at {value(cut.at, unit)} or less"
    return f"{labels[cut.grade]} in range from {value(cut.at, unit)}"


def finding_sentence(finding: Finding, labels: dict[str, str]) -> str:
    """One finding in plain English, with the standard it was measured against."""
    text = (
        f"{finding.indicator_title}: {value(finding.value, finding.unit)}{fraction(finding)}"
        f", {labels[finding.grade]}"
    )
    if finding.next is not None:
        text += f" ({threshold(finding.next, finding.unit, labels)})"
    elif finding.met is not None:
        text += f" ({threshold(finding.met, finding.unit, labels)})"
    if finding.england is not None:
        text += f"; England {value(finding.england, finding.unit)}"
    return text


def counterfactual_sentence(change: Counterfactual, unit: str, labels: dict[str, str]) -> str:
    """`Raising X from 90.0% to 95.0% (10 more of 200) would reach Outstanding`."""
    verb = "Raising" if change.needed > change.current else "Reducing"
    beyond = "just beyond" if change.strict else "to"
    text = f"{verb} {change.indicator_title} from {value(change.current, unit)} {beyond} {value(change.needed, unit)}"
    if change.extra_count is not None and change.extra_count != 0:
        more = "more" if change.extra_count > 0 else "fewer"
        text += f" ({abs(change.extra_count)} {more} cases)"
    return f"{text} would reach {labels[change.target]}"


def labels_of(evaluation: Evaluation) -> dict[str, str]:
    """Grade id -> label, from the pack's scale carried in the result."""
    return {grade.id: grade.label for grade in evaluation.pack.scale}


def units_of(area: AreaOutcome) -> dict[str, str]:
    """Indicator id -> unit for the area's findings."""
    return {finding.indicator: finding.unit for finding in area.findings}
