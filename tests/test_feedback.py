"""Fair feedback from the exercise checks, tried as a student would (issue 9, item 6), read off the declarations.

Every exercise of the masters is declared once (scaling/exercises/chNN.py) and tried by the tests of
its kind. A number (or a percentage, 3.9 and 4.7): the prompt states the precision the check expects,
and that precision is enough; the worked solution's own rounded value passes; "close" means within
about twice the tolerance; and no message gives the answer away to three significant figures, neither
as a number nor as a ratio or a percentage of the student's value. A choice: the prompt lists the
declared options, and a wrong letter learns only the hint. A function: a wrong output is told how far,
not the right one, and the autograder's hidden inputs are not the public ones. The lab: the prompt
states the service's tolerances. Then the cases a student found: Gopher's budget in 3.4, an array or
N in billions in 3.6, a bandwidth-only 7.5. (tests/test_exercises.py covers stubs, blanks and the ×2,
×0.5, ×1.1, ×0.9 near-misses.)
"""

from __future__ import annotations

import copy
import math
import re

import jupytext
import numpy as np
import pytest
from test_exercises import MASTERS, run_cells

import scaling.exercises as exercises
from scaling import chinchilla, compute, kaplan, lab
from scaling.exercises import ch02, ch03, ch07
from scaling.exercises.graders import as_pair, function_check, how_far
from scaling.exercises.registry import KINDS

DECLARED = exercises.declared()
ALL_IDS = list(DECLARED)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@pytest.fixture(autouse=True)
def fresh_lab_gradings(monkeypatch):
    """The lab (3.6) answers five gradings per session; every test starts with all five."""
    monkeypatch.setattr(lab, "_TRIES_USED", {})


@pytest.fixture(scope="module")
def solutions():
    """{exercise id: the worked solution's answer}, from running every master."""
    answers = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for master in MASTERS:
            answers.update(run_cells(jupytext.read(master), monkeypatch))
    return answers


#: Every exercise graded as one number with a tolerance (kinds "number" and "percent"), as declared.
NUMBER_IDS = [k for k, e in DECLARED.items() if e.kind in ("number", "percent")]


@pytest.fixture(scope="module")
def targets():
    """{exercise id: (expected, rel_tol)} of every exercise graded as one number, from its declaration."""
    return {k: (float(DECLARED[k].expected()), DECLARED[k].rel_tol) for k in NUMBER_IDS}


def master_ids() -> list[str]:
    """The exercise ids of every master's ``## N.M`` headings, in order."""
    return [i for m in MASTERS for i in re.findall(r"^## (\d+\.\d+) ", m.read_text(), flags=re.M)]


def test_every_exercise_of_the_masters_is_declared_once():
    missing = [i for i in master_ids() if i not in DECLARED]
    assert not missing, (
        f"exercises {missing} have a prompt in solutions/ but no declaration: add declare(Number(...)) (or Choice, "
        "Function, Percent, Lab) to scaling/exercises/chNN.py; see CONTRIBUTING.md, 'To add an exercise'."
    )
    unconverted = [k for k, e in DECLARED.items() if e.kind == "unconverted"]
    assert not unconverted, (
        f"exercises {unconverted} are registered with @exercise on a grading function: declare each instead, "
        "with its kind, expected value and tolerance (CONTRIBUTING.md, 'To add an exercise')."
    )
    orphans = sorted(set(DECLARED) - set(master_ids()))
    assert not orphans, f"declared exercises {orphans} have no '## N.M' heading in solutions/"
    assert len(master_ids()) == len(set(master_ids())), "an exercise heading appears twice in solutions/"


def section(exercise_id: str) -> tuple[str, str]:
    """(prompt prose, whole text) of an exercise in its master: the prose without code cells or worked solution."""
    chapter = int(exercise_id.split(".")[0])
    text = next(m for m in MASTERS if int(m.stem[:2]) == chapter).read_text()
    start = text.index(f"## {exercise_id} ")
    following = re.search(r"^## \d+\.\d+ ", text[start + 3 :], flags=re.M)
    whole = text[start : start + 3 + following.start()] if following else text[start:]
    prose = re.sub(r"```\{code-cell\}.*?^```$", "", whole, flags=re.S | re.M)
    prose = re.sub(r"```\{admonition\} Worked solution.*?^```$", "", prose, flags=re.S | re.M)
    return prose, whole


def sig_figs(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


# --- The prompt states the precision, and that precision passes -------------------------------


def stated_precision(prose: str):
    """("sig", n), ("percent", x), ("decimals", 1) or ("whole", 0) as the prompt words it, else None."""
    text = re.sub(r"\s+", " ", prose.replace("*", ""))
    if match := re.search(r"\b(two|three|four|five|six) significant figures", text):
        return "sig", NUMBER_WORDS[match[1]]
    if match := re.search(r"\bto (\d+(?:\.\d+)?) ?%", text):
        return "percent", float(match[1])
    if "to one decimal" in text:
        return "decimals", 1
    if "whole number" in text:
        return "whole", 0
    return None


def test_every_number_exercise_is_found():
    assert len(NUMBER_IDS) >= 30 and {"1.1", "3.4", "3.9", "4.7", "7.4"} <= set(NUMBER_IDS), NUMBER_IDS
    assert not {"1.3", "1.5", "3.6", "7.5"} & set(NUMBER_IDS), NUMBER_IDS


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_the_prompt_states_a_precision_the_check_honours(exercise_id, targets):
    expected, rel_tol = targets[exercise_id]
    precision = stated_precision(section(exercise_id)[0])
    assert precision, (
        f'{exercise_id}: say in the prompt how precise the answer must be ("Give three significant '
        f'figures." or "to 3 %"); the check\'s tolerance is {rel_tol:.2%}.'
    )
    kind, amount = precision
    if kind == "percent":
        assert math.isclose(amount / 100, rel_tol), (
            f"{exercise_id}: the prompt says {amount} %, the check {rel_tol:.2%}"
        )
        return
    rounded = {
        "sig": lambda: sig_figs(expected, amount),
        "decimals": lambda: round(expected, amount),
        "whole": lambda: float(round(expected)),
    }[kind]()
    verdict = exercises.grade(exercise_id, rounded)
    assert verdict.passed, (
        f"{exercise_id}: the answer rounded as the prompt asks ({rounded!r}) fails: {verdict.message}"
    )


IDS_OF = {kind: [k for k, e in DECLARED.items() if e.kind == kind] for kind in KINDS}


@pytest.mark.parametrize("exercise_id", IDS_OF["lab"])
def test_the_lab_prompt_states_the_services_tolerances(exercise_id):
    prose, exercise = re.sub(r"\s+", " ", section(exercise_id)[0]), DECLARED[exercise_id]
    assert f"within a factor {exercise.n_factor:g}" in prose
    assert f"within {100 * exercise.loss_rel_tol:g} %" in prose
    assert f"{exercise.extrapolation:g} times yours" in prose


@pytest.mark.parametrize("exercise_id", IDS_OF["choice"])
def test_a_choice_lists_its_options_and_a_wrong_letter_learns_only_the_hint(exercise_id):
    exercise, prose = DECLARED[exercise_id], section(exercise_id)[0]
    listed = re.findall(r"^- \(([a-z])\)", prose, flags=re.M)
    assert tuple(listed) == exercise.options, f"{exercise_id}: the prompt lists {listed}, the check {exercise.options}"
    assert exercise.grade(f" {exercise.correct.upper()} ").passed
    for letter in set(exercise.options) - {exercise.correct}:
        message = exercise.grade(letter).message
        assert f"({exercise.correct})" not in message and exercise.why not in message, (exercise_id, message)


# --- The worked solution's own rounded value passes -------------------------------------------
# Each row: the exercise, the text the master prints (in its worked solution, or as a format in the
# solution code), and the value a student would copy from it.

WORKED_VALUES = [
    ("1.1", r"\approx 4.0$", 4.0),
    ("1.2", r"\approx 10.5$ doublings", 10.5),
    ("1.6", r"\approx 0.966$", 0.966),
    ("2.1", r"\approx 28.8$", 28.8),
    ("2.2", r"\approx 3{,}650$ PF-days", 3650.0),
    ("2.4", r"\approx 5 \times 10^{10}$", 5e10),
    ("3.1", r"\approx 9.1 \times 10^{10}$", 9.1e10),
    ("4.1", r"\approx 94$", 94.0),
    ("4.2", r"= 4\times10^{12}$", 4e12),
    ("4.4", "about 40B parameters", 40e9),
    ("4.6", r"\approx 3.3\times10^{24}$", 3.3e24),
    ("5.1", r"= 6.62$", 6.62),
    ("5.1", "count as 6.6", 6.6),
    ("5.3", r"= 5.4 \times 10^{27}$", 5.4e27),
    ("5.4", "about 27 epochs", 27.0),
    ("5.5", r"\approx 4.3$", 4.3),
    ("6.1", r"\approx 0.878$", 0.878),
    ("6.4", r"c \approx 0.65$", 0.65),
    ("6.5", r"$1.4 \times 10^9$ questions", 1.4e9),
    ("7.1", r"\approx 1.31\times10^{6}$", 1.31e6),
    ("7.2", "about 0.43", 0.43),
    ("7.4", "the answer is 4", 4),
    ("7.7", r"= 4{,}928$ MWh", 4928.0),
    ("10.2", r"= 2{,}500$ questions", 2500.0),
    ("10.3", r"\approx 0.536$", 0.536),
    ("10.4", "about 2.7 points worse", 2.7),
    # answers the solution code prints: the value a student reads is the answer in that format
    ("1.7", "ratio {answer_1_7:.2f}", ".2f"),
    ("2.6", "ratio {answer_2_6:.1f}", ".1f"),
    ("3.4", "D/N = {chinchilla.tokens_per_param(6 * 70e9 * 1.4e12, law):.2f}", ".2f"),
    ("8.1", r"\approx 4.59 \times 10^6$", 4.59e6),
    ("8.3", r"$a_N \approx 0.695$", 0.695),
    ("8.5", "about −3.6 %", -3.6),
]


@pytest.mark.parametrize(("exercise_id", "text", "value"), WORKED_VALUES, ids=lambda v: str(v)[:12])
def test_the_worked_solutions_rounded_value_passes(exercise_id, text, value, solutions):
    assert text in section(exercise_id)[1], f"{exercise_id}: the worked solution no longer says {text!r}"
    if isinstance(value, str):  # a format spec
        value = float(format(solutions[exercise_id], value))
    verdict = exercises.grade(exercise_id, value)
    assert verdict.passed, f"{exercise_id}: the worked solution's own {value!r} fails: {verdict.message}"


def _printed_losses(budget, sizes, law) -> list[float]:
    """Each plan's loss as the solutions of 2.7 and 3.8 print it: to four decimals."""
    return [round(float(law.loss(n, compute.tokens_for_budget(budget, n))), 4) for n in sizes]


def test_the_difference_of_the_printed_losses_passes():
    """2.7 and 3.8 print both plans' losses; the difference a student takes from the printout passes."""
    assert "loss {loss_kaplan:.4f}" in section("2.7")[1] and "round(loss, 4)" in section("3.8")[1]
    kaplan_n = kaplan.optimal_allocation(ch02.EXERCISE_2_7_FLOPS, compute="actual").N
    table_3_n = chinchilla.table_3_optimal_params(ch02.EXERCISE_2_7_FLOPS)
    losses = _printed_losses(ch02.EXERCISE_2_7_FLOPS, (kaplan_n, table_3_n), ch02.EXERCISE_2_7_REFEREE)
    assert exercises.grade("2.7", losses[0] - losses[1]).passed
    seventy, forty = ch03.EXERCISE_3_8_PLANS
    losses = _printed_losses(ch03.EXERCISE_3_8_FLOPS, (forty, seventy), ch03.EXERCISE_3_8_REFEREE)
    assert exercises.grade("3.8", losses[0] - losses[1]).passed


@pytest.mark.parametrize(
    ("text", "batch", "context"), [(r"\approx 0.196$ dollars", 64, 4096), (r"\approx 0.0135$ dollars", 1024, 256)]
)
def test_the_worked_costs_of_7_5_agree_with_the_package(text, batch, context):
    assert text in section("7.5")[1]
    value = float(re.search(r"[\d.]+", text)[0])
    assert f"{value:.3g}" == f"{DECLARED['7.5'].reference(batch, context):.3g}"


# --- Feedback: "close" only near the tolerance, and never the answer --------------------------

#: Wrong answers as multiples of the expected value, none on the edge of a feedback band.
PROBE_FACTORS = (1e-9, 1e-3, 0.013, 1 / 10.5, 0.37, 0.62, 0.8, 0.93, 1.07, 1.35, 1.7, 2.6, 4.4, 10.5, 37.0, 1e3)
#: Answers students type without computing anything.
PROBE_VALUES = (1.0, 0.5, 1.2, 2.0, 10.0, 100.0, 1e9, -1.0)
QUOTED = re.compile(r"(?<![\w.])(?P<number>[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?P<unit>×|%|times)?")


def recovers(message: str, value: float, expected: float) -> list[str]:
    """The numbers in ``message`` from which ``expected`` follows to three significant figures.

    A number stands for itself; in the verdict (before the fixed " Hint: ..."), one followed by × or
    "times" also for value·x and value/x, and one followed by % for value·(1 ± x/100) and
    value/(1 ± x/100). The tolerance is public.
    """
    found = []
    verdict_end = message.find(" Hint:") if " Hint:" in message else len(message)
    for match in QUOTED.finditer(message):
        x = float(match["number"].replace(",", ""))
        candidates = [x]
        ratio = match.start() < verdict_end and not message[: match.start()].endswith("tolerance of ")
        unit = match["unit"] if ratio else None
        if unit in ("×", "times") and x != 0:
            candidates += [value * x, value / x]
        if unit == "%":
            candidates += [value * (1 + s * x / 100) for s in (1, -1)]
            candidates += [value / (1 + s * x / 100) for s in (1, -1) if s * x != -100]
        if any(math.isclose(c, expected, rel_tol=0.005) for c in candidates):
            found.append(match[0])
    return found


#: Where how_far's bands meet (ratios to the answer): a value right on an edge learns the edge, as any band would tell it.
BAND_EDGES = (1.1, 2.0, 5.0)


def test_the_leak_detector_catches_what_the_checks_used_to_say():
    assert recovers("1 is about 10.5× too small: check the order of magnitude and the units.", 1.0, 10.526) == ["10.5×"]
    assert recovers("1.288 is close (28.8% off) but outside the tolerance of 3.0%.", 1.288, 1.0) == ["28.8%"]
    assert recovers("for N = 7e+10 you returned 1e+12 tokens, expected 1.43e+12.", 1e12, 1.43e12) == ["1.43e+12"]
    assert recovers("1.288 is too large, by more than 10 % but less than a factor of 2.", 1.288, 1.0) == []


def probes(expected: float) -> list[float]:
    """Wrong answers to try: multiples of the answer and typed guesses, except those right on a band's edge."""
    values = [expected * f for f in PROBE_FACTORS] + list(PROBE_VALUES)
    return [
        v
        for v in values
        if not any(math.isclose(abs(v / expected), edge**s, rel_tol=0.01) for edge in BAND_EDGES for s in (1, -1))
    ]


def wrong_verdicts(exercise_id, targets):
    """(value, verdict, expected, rel_tol) for every probe of a number exercise that fails."""
    expected, rel_tol = targets[exercise_id]
    for value in probes(expected):
        verdict = exercises.grade(exercise_id, value)
        if not verdict.passed:
            yield value, verdict, expected, rel_tol


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_feedback_never_gives_the_answer_away(exercise_id, targets):
    for value, verdict, expected, _ in wrong_verdicts(exercise_id, targets):
        leaked = recovers(verdict.message, value, expected)
        assert not leaked, (
            f"{exercise_id}: answering {value:.4g} is told {verdict.message!r}, which gives away {leaked}"
        )


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_close_means_within_about_twice_the_tolerance(exercise_id, targets):
    for value, verdict, expected, rel_tol in wrong_verdicts(exercise_id, targets):
        if re.search(r"\bclose\b", verdict.message):
            assert abs(value / expected - 1) <= 2.05 * rel_tol, f"{exercise_id}: {value:.4g} called close"
    if stated_precision(section(exercise_id)[0]) == ("whole", 0):
        return  # a count: anything near it but not whole is told to round up
    expected, rel_tol = targets[exercise_id]
    near = expected * (1 + 1.5 * rel_tol)
    assert "close" in exercises.grade(exercise_id, near).message, f"{exercise_id}: {near:.4g} is not called close"


@pytest.mark.parametrize("exercise_id", IDS_OF["function"])
def test_function_feedback_never_gives_an_expected_output_away(exercise_id):
    """A function off by a factor is told how far, not the right output (of the call that failed: the last)."""
    reference = DECLARED[exercise_id].reference
    for factor in (0.62, 1.35, 37.0):
        calls = []

        def student(*args, factor=factor, calls=calls):
            calls.append(copy.deepcopy(args))
            out = factor * np.ravel(np.asarray(reference(*args), dtype=float))
            return float(out[0]) if out.size == 1 else tuple(out)

        verdict = exercises.grade(exercise_id, student)
        assert not verdict.passed, f"{exercise_id} passed a function {factor}x off"
        told = re.sub(r"^\w+\([^)]*\)", "", verdict.message)  # the inputs it names are the student's to see
        for want in np.ravel(np.asarray(reference(*calls[-1]), dtype=float)):
            leaked = recovers(told, factor * want, want)
            assert not leaked, f"{exercise_id}: {verdict.message!r} gives away {leaked}"


@pytest.mark.parametrize("exercise_id", IDS_OF["function"])
def test_a_function_is_checked_on_public_cases_and_graded_on_other_hidden_ones(exercise_id):
    exercise = DECLARED[exercise_id]
    assert len(exercise.cases) >= 2 and len(exercise.hidden) >= 3, exercise_id
    assert exercise.grade(exercise.reference).passed, f"{exercise_id}: the reference fails its own check"
    public = {repr(tuple(np.asarray(a).tolist() for a in case)) for case in exercise.cases}
    scope = {"numpy": np, "ChinchillaLaw": chinchilla.ChinchillaLaw}
    for source in exercise.hidden:
        args = eval(f"({source},)", scope)
        assert repr(tuple(np.asarray(a).tolist() for a in args)) not in public, f"{exercise_id}: {source} is public"
        assert np.all(np.isfinite(np.asarray(exercise.reference(*args), dtype=float))), (exercise_id, source)


@pytest.mark.parametrize("exercise_id", IDS_OF["interval"])
def test_an_interval_prompt_states_its_rule_and_feedback_never_gives_the_value_away(exercise_id):
    exercise, prose = DECLARED[exercise_id], re.sub(r"\s+", " ", section(exercise_id)[0])
    assert f"\\alpha = {exercise.alpha:g}" in prose and f"at most {exercise.bar:g}" in prose, exercise_id
    truth = exercise.truth()
    for low, high in ((truth - 0.2, truth + 0.2), (truth + 0.03, truth + 0.05), (truth - 0.05, truth - 0.03)):
        message = exercise.grade((low, high)).message
        for digits in (2, 3, 4):
            assert f"{truth:.{digits}f}" not in message, (exercise_id, message)


#: The fair-feedback tests above, by kind of exercise: every exercise is tried by those of its kind.
FAIR_FEEDBACK_TESTS = {
    "number": (test_the_prompt_states_a_precision_the_check_honours, test_feedback_never_gives_the_answer_away),
    "percent": (test_the_prompt_states_a_precision_the_check_honours, test_feedback_never_gives_the_answer_away),
    "choice": (test_a_choice_lists_its_options_and_a_wrong_letter_learns_only_the_hint,),
    "function": (test_function_feedback_never_gives_an_expected_output_away,),
    "lab": (test_the_lab_prompt_states_the_services_tolerances,),
    "interval": (test_an_interval_prompt_states_its_rule_and_feedback_never_gives_the_value_away,),
}


def test_every_kind_of_exercise_is_under_the_fair_feedback_tests():
    assert set(FAIR_FEEDBACK_TESTS) == set(KINDS), "a kind of exercise has no fair-feedback test"
    assert sum(len(ids) for ids in IDS_OF.values()) == len(DECLARED) == len(master_ids())
    assert {"3.9", "4.7"} <= set(IDS_OF["percent"])


def test_the_bands_of_how_far():
    assert how_far(1.288, 1.0, 0.01) == "1.288 is too large, by more than 10 % but less than a factor of 2."
    assert how_far(1.015, 1.0, 0.01) == "1.015 is close but a little too large: outside the tolerance of 1 %."
    assert (
        how_far(1.0, 10.5, 0.01) == "1 is too small by about an order of magnitude: check the units and powers of ten."
    )
    assert how_far(3.0, 1.0, 0.01) == "3 is more than 2× too large: check each factor of your formula."
    assert "3 orders of magnitude" in how_far(7e9, 7e6, 0.01)
    assert how_far(-2.0, 1.0, 0.01) == "-2 has the wrong sign."
    assert (
        how_far(-11.8, -7.87, 0.03) == "-11.8 is too large in magnitude, by more than 10 % but less than a factor of 2."
    )


def test_the_one_number_message_reads_as_english():
    message = exercises.grade("1.1", "four").message
    assert message == "expected a single finite number (× larger model), got 'four'."
    assert exercises.grade("1.4", [1, 2]).message == "expected a single finite number (the exponent α), got [1, 2]."
    wrapped = exercises.grade(
        "1.1", np.array([4.0])
    ).message  # the hidden otter test refuses it too: float() of an array
    assert wrapped.endswith("(an array or a list of one: give its element, answer[0]).")


# --- The cases students found -----------------------------------------------------------------


def test_3_4_tells_gophers_budget_from_chinchillas():
    law = chinchilla.HOFFMANN_UNROUNDED
    right = chinchilla.tokens_per_param(6 * 70e9 * 1.4e12, law)
    at_gopher = chinchilla.tokens_per_param(chinchilla.GOPHER_BUDGET_FLOPS, law)
    assert exercises.grade("3.4", sig_figs(right, 4)).passed
    for wrong in (at_gopher, sig_figs(at_gopher, 4)):
        verdict = exercises.grade("3.4", wrong)
        assert not verdict.passed and "Gopher's budget" in verdict.message, verdict.message


@pytest.mark.parametrize("form", [tuple, list, np.array], ids=["tuple", "list", "array"])
def test_3_6_takes_a_pair_in_any_form(form, solutions):
    verdict = exercises.grade("3.6", form(solutions["3.6"]))
    assert verdict.passed, verdict.message


def test_3_6_names_a_count_in_billions_as_a_unit_slip(solutions):
    n_opt, loss = solutions["3.6"]
    verdict = exercises.grade("3.6", (n_opt / 1e9, loss))
    assert not verdict.passed and "billions" in verdict.message and "order" not in verdict.message
    swapped = exercises.grade("3.6", (loss, n_opt))
    assert not swapped.passed and "order" in swapped.message and "billions" not in swapped.message


def test_3_6_refuses_what_is_not_a_pair():
    for wrong in (7e9, (7e9, 2.0, 1.0), "7e9, 2.0", np.array([[7e9, 2.0]])):
        verdict = exercises.grade("3.6", wrong)
        assert verdict.status == "fail" and "pair" in verdict.message, (wrong, verdict.message)


def _decode_cost(*, cache: bool = True, compute_bound: bool = True):
    """A student's decode_cost: right, or with one of the two classic mistakes."""

    def decode_cost(batch, context):
        return ch07._decode_cost_per_million(batch, context if cache else 0, compute_bound=compute_bound)

    return decode_cost


def test_7_5_tells_a_bandwidth_only_answer_from_the_right_one():
    assert exercises.grade("7.5", _decode_cost()).passed
    bandwidth_only = exercises.grade("7.5", _decode_cost(compute_bound=False))
    assert not bandwidth_only.passed and "bandwidth bound alone" in bandwidth_only.message
    no_cache = exercises.grade("7.5", _decode_cost(cache=False))
    assert not no_cache.passed and "without the KV cache" in no_cache.message
    # the check's cases really straddle the roofline: one where only the compute bound gives the right price
    assert any(
        ch07._decode_cost_per_million(b, c) > 1.05 * ch07._decode_cost_per_million(b, c, compute_bound=False)
        for b, c in ch07.DECODE_CHECK_CASES
    )


def test_as_pair_accepts_tuples_lists_and_arrays_of_two_numbers():
    for pair in ((1, 2.5), [1, 2.5], np.array([1.0, 2.5]), (np.float64(1), np.int64(2))):
        assert as_pair(pair) is not None
    for wrong in ((1, 2, 3), "12", 1.0, None, (1, "x"), (1, float("nan")), np.array([[1, 2]]), {1: 2, 3: 4}):
        assert as_pair(wrong) is None, wrong


def test_a_function_that_edits_its_input_cannot_fool_the_judge():
    def sneaky(values):
        values[:] = 0
        return 0.0

    verdict = function_check(
        sneaky,
        "total",
        [(np.array([1.0, 2.0]),)],
        lambda values, result: None if result == values.sum() else "wrong sum.",
        "ok",
        returns="one number",
    )
    assert verdict.status == "fail" and verdict.message == "wrong sum."
