"""The self-evaluation report as a document: what every format (HTML, Markdown, Word) shows.

Built once from the evaluation, the pack (for grade bands), the bundle (for the authority's own
narrative), an optional previous evaluation and the published comparators; each renderer then
only lays it out. Sentences come from here, so the three formats say the same thing. Only
aggregates appear: bundles hold no child-level records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from engine.load.reference import Comparators
from engine.model.evidence import EvidenceBundle
from engine.model.pack import CutPointRule, Polarity, RulePack
from engine.model.result import AreaOutcome, Evaluation, Finding
from engine.report.words import counterfactual_sentence, value

ENGINE_NOTE = (
    "Grades in this report are the engine's suggestions from a declared rule pack. They support "
    "the leadership team's professional judgement; they are not Ofsted judgements."
)


@dataclass(frozen=True)
class Band:
    """A stretch of an indicator's scale and the grade it gives."""

    low: float
    high: float
    grade: str
    rank: int


@dataclass(frozen=True)
class Chart:
    """One indicator's value against its grade bands and comparators."""

    indicator: str
    title: str
    unit: str
    low: float
    high: float
    bands: list[Band]
    value: float
    england: float | None
    neighbours: tuple[float, int] | None
    previous: float | None
    trend: list[tuple[str, float]]
    alt: str


@dataclass(frozen=True)
class Improvement:
    """A 'what needs to improve' item."""

    text: str
    tag: str
    priority: bool


@dataclass
class AreaSection:
    """Everything the report says about one judgement area."""

    area: str
    title: str
    grade: str
    previous_grade: str | None
    proposed: str | None
    proposed_rationale: str | None
    know: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    improve: list[Improvement] = field(default_factory=list)
    move: list[str] = field(default_factory=list)
    narrative_summary: str | None = None
    narrative_strengths: list[str] = field(default_factory=list)
    narrative_development: list[str] = field(default_factory=list)
    narrative_actions: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class ReportDocument:
    """The whole report."""

    title: str
    authority: str
    illustrative: bool
    period: str
    as_of: str
    disclaimer: str
    summary: list[tuple[str, str, str | None, str | None]]
    overall: tuple[str, str, str | None, bool] | None
    areas: list[AreaSection]
    stamp: list[str]
    previous_label: str | None


def build_report(
    evaluation: Evaluation,
    pack: RulePack,
    bundle: EvidenceBundle,
    previous: Evaluation | None = None,
    previous_bundle: EvidenceBundle | None = None,
    comparators: Comparators | None = None,
) -> ReportDocument:
    """Assemble the report document."""
    labels = {grade.id: grade.label for grade in pack.scale}
    previous_areas = {area.area: area for area in previous.areas} if previous else {}
    previous_values = (
        {obs.indicator: obs for obs in previous_bundle.observations} if previous_bundle else {}
    )
    authority_code = (
        str(bundle.manifest.authority.old_la_code)
        if bundle.manifest.authority.old_la_code
        else None
    )
    sections = []
    for area in evaluation.areas:
        before = previous_areas.get(area.area)
        section = AreaSection(
            area=area.area,
            title=area.title,
            grade=area.grade_label,
            previous_grade=before.grade_label if before else None,
            proposed=labels.get(area.proposed.grade) if area.proposed else None,
            proposed_rationale=area.proposed.rationale if area.proposed else None,
        )
        _findings(section, area, labels)
        _gaps(section, area, labels)
        section.improve = [
            Improvement(item.text, item.framework_tag, item.priority_action)
            for item in area.improvements
        ]
        units = {finding.indicator: finding.unit for finding in area.findings}
        section.move = [
            counterfactual_sentence(change, units.get(change.indicator, ""), labels) + "."
            for change in area.counterfactuals
        ]
        if area.no_single_change is not None:
            section.move.append(
                f"No single change would lift the area to {labels[area.no_single_change.target]}: {area.no_single_change.reason}."
            )
        if (
            area.grade is not None
            and not area.counterfactuals
            and area.no_single_change is None
            and area.grade == pack.scale[0].id
        ):
            section.move.append("The area is at the best grade of the scale.")
        narrative = bundle.narrative.areas.get(area.area) if bundle.narrative else None
        if narrative is not None:
            section.narrative_summary = narrative.summary
            section.narrative_strengths = list(narrative.strengths)
            section.narrative_development = list(narrative.development)
            section.narrative_actions = list(narrative.actions)
        for finding in area.findings:
            before_value = None
            old = previous_values.get(finding.indicator)
            if old is not None:
                before_value = (
                    old.value
                    if old.value is not None
                    else _fraction_value(old.numerator, old.denominator, finding.unit)
                )
            chart = _chart(
                pack,
                area.area,
                finding,
                labels,
                comparators,
                authority_code,
                before_value,
                previous_bundle,
            )
            if chart is not None:
                section.charts.append(chart)
        sections.append(section)
    summary = [
        (
            area.title,
            area.grade_label,
            labels.get(area.proposed.grade) if area.proposed else None,
            previous_areas[area.area].grade_label if area.area in previous_areas else None,
        )
        for area in evaluation.areas
    ]
    overall = None
    if evaluation.overall is not None:
        prior = (
            previous.overall.grade_label
            if previous is not None and previous.overall is not None
            else None
        )
        overall = (
            evaluation.overall.title,
            evaluation.overall.grade_label,
            prior,
            evaluation.overall.borderline,
        )
    stamp = [
        f"Engine {evaluation.engine_version}",
        f"Rule pack {evaluation.pack.id} {evaluation.pack.version}"
        + (f" ({evaluation.pack.framework})" if evaluation.pack.framework else "")
        + f", content hash {evaluation.pack.content_hash}",
        f"Evidence bundle {evaluation.bundle.id}, content hash {evaluation.bundle.content_hash}",
        f"Evidence as of {evaluation.bundle.as_of.isoformat()}",
    ]
    if previous is not None:
        stamp.append(
            f"Previous bundle {previous.bundle.id}, content hash {previous.bundle.content_hash}"
        )
    return ReportDocument(
        title=f"Self-evaluation of children's services: {evaluation.bundle.authority}",
        authority=evaluation.bundle.authority,
        illustrative=evaluation.bundle.illustrative,
        period=f"{evaluation.bundle.period.start.isoformat()} to {evaluation.bundle.period.end.isoformat()}",
        as_of=evaluation.bundle.as_of.isoformat(),
        disclaimer=ENGINE_NOTE,
        summary=summary,
        overall=overall,
        areas=sections,
        stamp=stamp,
        previous_label=f"{previous.bundle.as_of.isoformat()}" if previous is not None else None,
    )


def _fraction_value(numerator: float | None, denominator: float | None, unit: str) -> float | None:
    if numerator is None or denominator is None:
        return None
    return numerator / denominator * (100.0 if unit == "percent" else 1.0)


def finding_statement(finding: Finding, labels: dict[str, str]) -> str:
    """A finding in plain English: the figure, then the standard it meets or misses."""
    figure = value(finding.value, finding.unit)
    counts = f" ({finding.numerator:g} of {finding.denominator:g})" if finding.denominator else ""
    text = f"{finding.indicator_title}: {figure}{counts}"
    if finding.next is not None:
        text += f", against {value(finding.next.at, finding.unit)} for {labels[finding.next.grade]}"
        if finding.met is not None:
            text += f" (meets the {labels[finding.met.grade]} standard of {value(finding.met.at, finding.unit)})"
        else:
            text += f" (below every standard: {labels[finding.grade]})"
    elif finding.met is not None:
        text += f", meeting the {labels[finding.met.grade]} standard of {value(finding.met.at, finding.unit)}"
    if finding.england is not None:
        text += f"; England {value(finding.england, finding.unit)}"
    return text + "."


def _findings(section: AreaSection, area: AreaOutcome, labels: dict[str, str]) -> None:
    ranks = {grade: rank for rank, grade in enumerate(labels)}
    ordered = sorted(area.findings, key=lambda finding: (ranks[finding.grade], finding.rule))
    section.know = [finding_statement(finding, labels) for finding in ordered]
    for finding in ordered:
        parts = [f"{finding.indicator_title}: {finding.source}"]
        if finding.period is not None:
            parts.append(
                f"period {finding.period.start.isoformat()} to {finding.period.end.isoformat()}"
            )
        if finding.as_of is not None:
            parts.append(f"as of {finding.as_of.isoformat()}")
        if finding.denominator is not None:
            parts.append(f"{finding.denominator:g} cases")
        kind = {"snapshot": "a snapshot on one date", "period": "a rate over the whole period"}.get(
            finding.measure or ""
        )
        if kind:
            parts.append(kind)
        if finding.note:
            parts.append(f"note: {finding.note}")
        section.how.append("; ".join(parts) + ".")
    section.cautions = [flag.message + "." for flag in area.flags]


def _gaps(section: AreaSection, area: AreaOutcome, labels: dict[str, str]) -> None:
    if area.grade is None:
        section.gaps.append(
            f"Evidence covers {area.coverage.share:.0%} of this area's rule weight, below the "
            f"{area.coverage.minimum:.0%} needed, so the engine makes no suggestion."
        )
    for missing in area.missing:
        if missing.grade_with_best_value is None:
            effect = "even at its best it would not give enough evidence for a suggestion"
        elif area.grade is None:
            effect = f"with it the area could be suggested as high as {labels[missing.grade_with_best_value]}"
        elif missing.grade_with_best_value != area.grade:
            effect = f"with it the area could reach {labels[missing.grade_with_best_value]}"
        else:
            effect = "it would not change the suggested grade on its own"
        section.gaps.append(f"No evidence for {missing.indicator_title}: {effect}.")
    for limiter in area.limiters:
        if limiter.fired and "evidence" in limiter.limiter:
            section.gaps.append(
                f"{limiter.title}: the area is capped at {labels[limiter.grade]} until it is provided."
            )


def _chart(
    pack: RulePack,
    area_id: str,
    finding: Finding,
    labels: dict[str, str],
    comparators: Comparators | None,
    authority: str | None,
    previous: float | None,
    previous_bundle: EvidenceBundle | None,
) -> Chart | None:
    rule = next((rule for rule in pack.area(area_id).rules if rule.id == finding.rule), None)
    if not isinstance(rule, CutPointRule):
        return None
    indicator = pack.indicator(finding.indicator)
    domain = indicator.effective_domain
    cuts = sorted(rule.cuts, key=lambda cut: cut.at)
    points = [cut.at for cut in cuts] + [finding.value]
    if finding.england is not None:
        points.append(finding.england)
    pad = (max(points) - min(points)) * 0.5 + 5
    low = max(domain.min, float(math.floor((min(points) - pad) / 5) * 5))
    high = float(math.ceil((max(points) + pad) / 5) * 5)
    if domain.max is not None:
        high = min(domain.max, high)
    ranks = {grade.id: rank for rank, grade in enumerate(pack.scale)}
    worst = pack.scale[-1].id
    bands: list[Band] = []
    higher = indicator.polarity is not Polarity.LOWER_IS_BETTER
    edges = [low, *[cut.at for cut in cuts], high]
    for index in range(len(edges) - 1):
        start, end = edges[index], edges[index + 1]
        if end <= start:
            continue
        if higher:
            grade = cuts[index - 1].grade if index > 0 else worst
        else:
            grade = cuts[index].grade if index < len(cuts) else worst
        bands.append(Band(start, end, labels[grade], ranks[grade]))
    neighbours = None
    trend: list[tuple[str, float]] = []
    if comparators is not None and indicator.dfe_measure is not None and authority is not None:
        year = comparators.latest_year(indicator.dfe_measure)
        if year is not None:
            neighbours = comparators.neighbour_median(authority, indicator.dfe_measure, year)
        trend = [
            (str(year), published)
            for year, published in comparators.series(authority, indicator.dfe_measure)
        ]
    if previous is not None and previous_bundle is not None and not trend:
        trend = [(previous_bundle.manifest.as_of.isoformat(), previous), ("now", finding.value)]
    unit = finding.unit
    alt = (
        f"{indicator.title}: {value(finding.value, unit)}, graded {labels[finding.grade]}. Bands: "
        + "; ".join(
            f"{band.grade} {value(band.low, unit)} to {value(band.high, unit)}" for band in bands
        )
    )
    if finding.england is not None:
        alt += f". England {value(finding.england, unit)}"
    if neighbours is not None:
        alt += f". Statistical neighbours' median {value(neighbours[0], unit)} ({neighbours[1]} authorities)"
    if previous is not None:
        alt += f". Previously {value(previous, unit)}"
    if trend:
        alt += ". Published trend: " + ", ".join(
            f"{label} {value(point, unit)}" for label, point in trend
        )
    return Chart(
        indicator=indicator.id,
        title=indicator.title,
        unit=unit,
        low=low,
        high=high,
        bands=bands,
        value=finding.value,
        england=finding.england,
        neighbours=neighbours,
        previous=previous,
        trend=trend,
        alt=alt + ".",
    )
