"""Search snippets in plain text (tools/book/web_static/search_plain_math.js, loaded by search.html).

The formulas are the book's own; the expected text is written by hand. Runs the script's
converter in Node.js (installed with npm, which the build uses for MathJax); the browser test
checks the search page itself.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "book" / "web_static" / "search_plain_math.js"

CASES = {
    r"\(L(N) = (N_c/N)^{\alpha}\)": "L(N) = (N_c/N)^α",
    r"\[L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}\]": "L(N, D) = E + A/N^α + B/D^β",
    r"\(N_{\text{opt}} \propto C^{a_N}\)": "N_opt ∝ C^(a_N)",
    r"\(C \approx 6ND\)": "C ≈ 6ND",
    r"\(\left(\frac{N_c}{N}\right)^{\alpha_N}\)": "(N_c/N)^(α_N)",
    r"\(\text{pass@}k = 1 - \binom{n-c}{k}/\binom{n}{k}\)": "pass@k = 1 - C(n-c, k)/C(n, k)",
    r"\(\frac{1}{\frac{a}{b}+1}\)": "1/(a/b+1)",
    r"\(\hat{\alpha} \approx 0.34\)": "α\u0302 ≈ 0.34",
    r"\(10^{-3} \cdot 2 \times 3\)": "10^(-3) · 2 × 3",
    r"\(\underbrace{6ND}_{\text{training}}\)": "6ND",
    r"\(\{x\}\)": "{x}",
    r"\begin{aligned} a &= b \\ c &= d \end{aligned}": "a = b ; c = d",
}


def test_formulas_become_plain_text():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (it comes with npm)")
    source = SCRIPT.read_text(encoding="utf-8").split("document.addEventListener")[0]
    program = source + f"\nconsole.log(JSON.stringify({json.dumps(list(CASES))}.map(plainMath)));\n"
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    got = dict(zip(CASES, json.loads(result.stdout)))
    wrong = {tex: (text, CASES[tex]) for tex, text in got.items() if text != CASES[tex]}
    assert not wrong, wrong
    for text in got.values():
        assert "\\" not in text
