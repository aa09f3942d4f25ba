"""What fails a run: the --fail-on policy and --severity overrides, parsed from their text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import DEFAULT_SEVERITY, Finding, Rule, Severity


@dataclass(frozen=True)
class FailPolicy:
    """What fails the run: findings at or above a severity, or of the listed rules."""

    severity: Severity | None = Severity.WARNING
    rules: frozenset[Rule] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, text: str) -> FailPolicy:
        """Parse '--fail-on': a severity ('error'), 'never', or a comma list of rules."""
        value = text.strip().lower()
        if value in {s.value for s in Severity}:
            return cls(severity=Severity(value))
        if value in {"never", "none"}:
            return cls(severity=None)
        named = {part.strip() for part in value.split(",") if part.strip()}
        unknown = sorted(named - set(DEFAULT_SEVERITY))
        if unknown or not named:
            shown = ", ".join(unknown) or repr(text)
            raise InputError(
                f"--fail-on takes info, warning, error, never or rule names; unknown: {shown}"
            )
        return cls(severity=None, rules=frozenset(Rule(name) for name in named))

    def fails(self, finding: Finding) -> bool:
        """Whether this finding, if open or regressed, fails the run."""
        if finding.rule in self.rules:
            return True
        return self.severity is not None and finding.severity.rank >= self.severity.rank


def parse_severities(pairs: Iterable[str]) -> dict[Rule, Severity]:
    """Parse '--severity rule=level' overrides; InputError for an unknown rule or level."""
    overrides: dict[Rule, Severity] = {}
    for pair in pairs:
        rule, _, level = pair.partition("=")
        if rule not in DEFAULT_SEVERITY:
            raise InputError(f"--severity: unknown rule {rule!r}")
        try:
            overrides[Rule(rule)] = Severity(level.strip().lower())
        except ValueError:
            raise InputError(
                f"--severity {pair!r}: the level must be info, warning or error"
            ) from None
    return overrides
