"""Tests of scaling.lab: the budgeted training service and its grader."""

import copy
import pickle

import numpy as np
import pytest

from scaling import chinchilla as ch
from scaling import lab
from scaling.lab import TrainingService


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """Each test starts a new 'Python session' of gradings."""
    monkeypatch.setattr(lab, "_TRIES_USED", {})


def test_cost_is_a_free_preview():
    s = TrainingService(1e21, seed=0)
    # 6 x 1e9 x 2e10 = 1.2e20 FLOPs; arrays give one cost per run.
    assert s.cost(1e9, 2e10) == pytest.approx(1.2e20)
    assert s.cost(np.array([1e9, 2e9]), 2e10).tolist() == pytest.approx([1.2e20, 2.4e20])
    assert s.remaining == 1e21 and s.spent == 0.0 and s.runs == ()


def test_train_deducts_and_records():
    s = TrainingService(1e21, seed=0)
    losses = s.train([1e8, 2e8], [1e10, 1e10])
    assert losses.shape == (2,) and np.all(losses > 0)
    # 6 x 1e8 x 1e10 + 6 x 2e8 x 1e10 = 6e18 + 1.2e19 = 1.8e19 FLOPs.
    assert s.spent == pytest.approx(1.8e19)
    assert s.remaining == pytest.approx(1e21 - 1.8e19)
    assert len(s.runs) == 2 and s.runs[0][:2] == (1e8, 1e10)
    assert isinstance(s.train(1e8, 1e9), float)


def test_overspending_is_refused_and_nothing_is_charged():
    s = TrainingService(1e20, seed=0)
    s.train(1e9, 1e10)  # 6e19
    with pytest.raises(ValueError, match=r"costs 6e\+19 FLOPs but only 4e\+19 FLOPs remain"):
        s.train(1e9, 1e10)
    assert s.spent == pytest.approx(6e19) and len(s.runs) == 1
    s.train(1e9, 1e10 * 4 / 6)  # exactly the rest
    assert s.remaining == pytest.approx(0.0, abs=1e6)


def test_losses_follow_the_hidden_law_with_small_noise():
    s = TrainingService(1e23, seed=5, noise=0.005)
    n = np.geomspace(1e8, 1e10, 50)
    d = np.full(50, 1e11)
    losses = s.train(n, d)
    truth = s._law.loss(n, d)  # the private truth, read only by the tests
    assert np.std(np.log(losses / truth)) == pytest.approx(0.005, rel=0.3)
    # A noise-free service is another law (else it would reveal the noisy one for free); it returns its own law exactly.
    quiet = TrainingService(1e23, seed=5, noise=0.0)
    assert quiet._law != s._law
    assert np.allclose(quiet.train(n, d), quiet._law.loss(n, d), rtol=1e-15)


def test_seed_chooses_the_law_and_it_is_plausible():
    laws = [TrainingService(1e20, seed=k)._law for k in range(10)]
    assert len({law.alpha for law in laws}) == 10
    for law in laws:
        assert 0.3 < law.alpha < 0.4 and 0.3 < law.beta < 0.4 and 1.7 < law.E < 1.95
    assert TrainingService(1e20, seed=3)._law == TrainingService(1e20, seed=3)._law


def test_truth_is_not_a_public_attribute():
    s = TrainingService(1e20, seed=0)
    public = [name for name in dir(s) if not name.startswith("_")]
    assert not any(isinstance(getattr(s, name), ch.ChinchillaLaw) for name in public)
    assert "alpha" not in repr(s) and "E=" not in repr(s)


def test_grade_passes_the_truth_and_fails_near_misses():
    s = TrainingService(1e21, seed=2)
    truth = ch.compute_optimal(1e23, s._law)
    passed, message = s.grade(truth.N, truth.loss, 1e23)
    assert passed and "Passed." in message
    # Within tolerance: 1.3x on N, 2% on the loss.
    assert s.grade(1.3 * truth.N, 1.02 * truth.loss, 1e23)[0]
    # N_opt off by 2x fails, either way, and the message does not say which way (no bisection).
    high, low = s.grade(2 * truth.N, truth.loss, 1e23), s.grade(truth.N / 2, truth.loss, 1e23)
    assert not high[0] and not low[0]
    assert high[1].replace(f"{2 * truth.N:.3g}", "X") == low[1].replace(f"{truth.N / 2:.3g}", "X").replace(
        "1 of", "2 of"
    )
    assert "large" not in high[1] + low[1] and "small" not in high[1] + low[1]
    # A loss 5% off fails, and the message says the loss line failed and never prints the truth.
    passed, message = s.grade(truth.N, 1.05 * truth.loss, 1e23)
    assert not passed and message.count("-> fail") == 1 and "nats/token: not within" in message
    assert f"{truth.loss:.4f}" not in message and f"{truth.N:.3g}" not in high[1]


def test_grade_answers_a_limited_number_of_times_per_law():
    s = TrainingService(1e21, seed=4)
    truth = ch.compute_optimal(1e23, s._law)
    for used in range(lab.GRADE_TRIES):
        assert s.tries_left == lab.GRADE_TRIES - used
        s.grade(3 * truth.N, truth.loss, 1e23)
    # A new service with the same seed shares the count; the truth is no longer graded.
    again = TrainingService(1e21, seed=4)
    passed, message = again.grade(truth.N, truth.loss, 1e23)
    assert again.tries_left == 0 and not passed and "used all" in message
    assert TrainingService(1e21, seed=5).tries_left == lab.GRADE_TRIES


def test_a_graded_lab_does_not_grade_and_is_another_law():
    graded = TrainingService(2e21, seed=3, graded=True)
    truth = ch.compute_optimal(2e23, graded._law)
    passed, message = graded.grade(truth.N, truth.loss, 2e23)
    assert not passed and "not graded here" in message and graded.tries_left == lab.GRADE_TRIES
    assert graded._law != TrainingService(2e21, seed=3)._law  # dropping the flag gives another law
    assert TrainingService._law_for(2e21, 3, graded=True) == graded._law


def test_a_bigger_budget_with_the_printed_seed_is_another_law():
    notebook = TrainingService(2e21, seed=3)
    assert TrainingService(1e40, seed=3)._law != notebook._law
    assert TrainingService(2e21 * (1 + 1e-15), seed=3)._law != notebook._law
    # The same call is the same law and the same noise: the notebook is deterministic.
    twin = TrainingService(2e21, seed=3)
    assert twin._law == notebook._law
    assert twin.train(1e9, 1e10) == notebook.train(1e9, 1e10)
    assert TrainingService._law_for(2e21, 3) == notebook._law


def test_small_runs_are_always_charged():
    # After 1e21 FLOPs, a float sum would charge 6e4-FLOP runs nothing (the ulp of 1e21 is 131,072).
    s = TrainingService(2e21, seed=0)
    s.train(1e9, 1e21 / 6e9)
    before, before_exact = s.spent, s._spent_exact
    for _ in range(1000):
        s.train(100.0, 100.0)  # 6e4 FLOPs
    assert s._spent_exact - before_exact == 1000 * 60000  # exact: every run charged in full
    assert s.spent - before == pytest.approx(6e7, abs=2 * 131072)  # the float view, within an ulp of 1e21


def test_copies_share_the_budget_and_pickles_are_refused():
    s = TrainingService(1e20, seed=0)
    for twin in (copy.copy(s), copy.deepcopy(s), copy.deepcopy({"service": s})["service"]):
        assert twin is s
    s.train(1e9, 1e10)
    assert copy.deepcopy(s).spent == s.spent == pytest.approx(6e19)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(s)


def test_an_honest_student_passes():
    # IsoFLOP runs at 1e18 ... 2e20 FLOPs (7 sizes around 20 tokens/param each), an Approach-3 fit,
    # extrapolated to 1e23 FLOPs.
    s = TrainingService(3e21, seed=11)
    n, d = [], []
    for budget in (1e18, 3e18, 1e19, 3e19, 1e20, 2e20):
        sizes = np.sqrt(budget / 120) * np.geomspace(0.2, 5, 7)
        n.extend(sizes)
        d.extend(budget / (6 * sizes))
    n, d = np.array(n), np.array(d)
    assert s.cost(n, d).sum() <= s.remaining
    losses = s.train(n, d)
    fit = ch.fit(
        n,
        d,
        losses,
        grid={"log_A": (5.0, 10.0), "log_B": (5.0, 10.0), "log_E": (0.0, 1.0), "alpha": (0.5,), "beta": (0.5,)},
    )
    prediction = ch.compute_optimal(1e23, fit.law)
    passed, message = s.grade(prediction.N, prediction.loss, 1e23)
    assert passed, message


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: TrainingService(0), "compute budget"),
        (lambda: TrainingService(1e20, seed=1.5), "seed"),
        (lambda: TrainingService(1e20, noise=-1), "noise level"),
        (lambda: TrainingService(1e20).cost(-1, 1e9), "number of parameters N"),
        (lambda: TrainingService(1e20).train(1e9, 0), "training tokens D"),
        (lambda: TrainingService(1e20).train([1e9, 1e9], [1e9, 1e9, 1e9]), "same shape"),
        (lambda: TrainingService(1e20).grade(0, 2.0, 1e23), "predicted N_opt"),
        (lambda: TrainingService(1e20).grade(1e10, -2.0, 1e23), "predicted loss"),
        (lambda: TrainingService(1e20).grade(1e10, 2.0, [1e23, 1e24]), "single number"),
    ],
)
def test_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_exercise_3_6_check_neither_uses_nor_is_refused_by_the_gradings():
    """Checking the final answer of exercise 3.6 does not count against the lab's gradings, and
    still grades once the learner has used them all (a correct answer passes, a factor 4 fails)."""
    from scaling.exercises import ch03, grade

    service = TrainingService(ch03.LAB_BUDGET_FLOPS, seed=ch03.LAB_SEED)
    at = ch03.LAB_EXTRAPOLATION * ch03.LAB_BUDGET_FLOPS
    truth = ch.compute_optimal(at, service._law)
    assert grade("3.6", (truth.N, truth.loss)).passed and service.tries_left == lab.GRADE_TRIES
    for _ in range(lab.GRADE_TRIES):
        service.grade(truth.N, truth.loss, at)
    assert service.tries_left == 0 and "used all" in service.grade(truth.N, truth.loss, at)[1]
    assert grade("3.6", (truth.N, truth.loss)).passed
    assert not grade("3.6", (4 * truth.N, truth.loss)).passed
