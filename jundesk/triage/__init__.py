"""Triage: route a citizen's post to a role with a priority, from editable rule files, and
learn from the corrections the desks make."""

from __future__ import annotations

from jundesk.triage.classifier import FollowUp, Triage, Verdict
from jundesk.triage.rules import RuleFileError

__all__ = ["FollowUp", "RuleFileError", "Triage", "Verdict"]
