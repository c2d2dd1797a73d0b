"""Contract entries of scaling.exercises (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt

ENTRIES = {
    "scaling.exercises.check": Exempt("prints a verdict; every grader is registered below"),
    "scaling.exercises.grade": Exempt("dispatches to the graders registered below"),
    "scaling.exercises.graders.Verdict": Exempt("a grader's result record"),
    "scaling.exercises.graders.unanswered": Exempt("predicate on any answer; tests/test_exercises.py"),
    "scaling.exercises.graders.as_number": Exempt("parses any answer; tests/test_robustness.py"),
    "scaling.exercises.graders.number": Exempt("grader building block; tests/test_exercises.py"),
    "scaling.exercises.graders.choice": Exempt("grader building block; tests/test_exercises.py"),
    "scaling.exercises.graders.as_pair": Exempt("parses any answer; tests/test_feedback.py"),
    "scaling.exercises.graders.how_far": Exempt("feedback wording; tests/test_feedback.py"),
    "scaling.exercises.graders.function_check": Exempt("grader building block; tests/test_feedback.py"),
    "scaling.exercises.ch01.flawed_study": Exempt("the data of exercise 1.8, from fixed constants"),
    "scaling.exercises.ch03.fixed_family_study": Exempt("the data of exercise 3.7, from fixed constants"),
    "scaling.exercises.declared": Exempt("the table of declarations; tests/test_feedback.py"),
    "scaling.exercises.registry.declare": Exempt("registers a declaration; tests/test_feedback.py"),
    "scaling.exercises.registry.grading": Exempt(
        "whether the grading sandbox runs this process; tests/test_exercises.py"
    ),
    "scaling.exercises.registry.Slip": Exempt("a named wrong answer of a declaration; tests/test_feedback.py"),
    "scaling.exercises.registry.Number": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Percent": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Choice": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Function": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Lab": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Interval": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Unconverted": Exempt("an exercise not yet declared; tests/test_feedback.py fails"),
    "scaling.exercises.registry.exercise": Exempt("the old registration; tests/test_feedback.py fails on its use"),
    "scaling.exercises.graders.percent": Exempt("the old percent building block, for chapters not yet declared"),
}
