"""A JATS translation (`sub-article article-type="translation"`) against the article itself; pure.

SciELO files carry the whole article again in a second language, byline and roles included, with
bare labels in that language ("Conceituação (Liderança)", "1ª autora: conceituação (liderança)").
The two versions are one publisher's record, and they can disagree: the Portuguese of
Organizações & Sociedade 2025 gives the first author "recursos", which the English does not. Each
difference is one note, naming the author's byline position; the check reports it as
`translation-disagrees`. Which version is right is for the team's record to say: the article
itself is what the other rules compare with it.

Where either version gives an author a label that names no CRediT term ("Writing (Lead)",
"supervision, final writing review"), a role only the other version names may be that label, so
it is not reported; a degree is compared only where both versions give one.
"""

from __future__ import annotations

from credit_tracker.domain.credit import BY_SLUG, Degree
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.problems import TranslationDiffers


def translation_differences(
    article: list[SourceAuthor], translation: list[SourceAuthor], language: str
) -> list[str]:
    """The differences between the article's roles and its translation's, one note each."""
    version = f"the {language} translation" if language else "the translation"
    if not any(author.roles for author in translation):
        return []  # a translation that states no roles says nothing about them
    if len(translation) != len(article):
        note = (
            f"{version} lists {len(translation)} author(s), the article {len(article)}; "
            "their roles were not compared"
        )
        return [str(TranslationDiffers(text=note))]
    notes = []
    for own, translated in zip(article, translation, strict=True):
        notes += [
            str(TranslationDiffers(position=own.position, text=note))
            for note in _author_differences(own, translated, version)
        ]
    return notes


def _author_differences(own: SourceAuthor, translated: SourceAuthor, version: str) -> list[str]:
    name = own.raw
    mine, theirs = _mapped(own.roles or []), _mapped(translated.roles or [])
    notes = []
    if not _has_unmapped(own.roles or []):
        notes += [
            f"{version} lists {BY_SLUG[slug].label} for {name}, which the article does not"
            for slug in _ordered(theirs.keys() - mine.keys())
        ]
    if not _has_unmapped(translated.roles or []):
        notes += [
            f"{version} does not list {BY_SLUG[slug].label} for {name}, which the article does"
            for slug in _ordered(mine.keys() - theirs.keys())
        ]
    for slug in _ordered(mine.keys() & theirs.keys()):
        first, second = mine[slug], theirs[slug]
        if first is not None and second is not None and first is not second:
            notes.append(
                f"{version} gives {name} {BY_SLUG[slug].label} ({second.value}), "
                f"the article ({first.value})"
            )
    return notes


def _mapped(roles: list[SourceRole]) -> dict[str, Degree | None]:
    return {role.role: role.degree for role in roles if role.role}


def _has_unmapped(roles: list[SourceRole]) -> bool:
    return any(role.role is None for role in roles)


def _ordered(slugs: set[str]) -> list[str]:
    return [slug for slug in BY_SLUG if slug in slugs]
