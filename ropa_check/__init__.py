"""ropa-check: policy-as-code for GDPR Art. 30 records of processing activities.

A rule pack is a module that implements :func:`ropa_check.hookspecs.ropa_check_rules`
with :data:`hookimpl` and returns rules made with :func:`rule`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from ropa_check.finding import Finding, Severity
from ropa_check.hookspecs import hookimpl
from ropa_check.rule import Problem, Rule, rule

__all__ = ["Finding", "Problem", "Rule", "Severity", "__version__", "hookimpl", "rule"]
