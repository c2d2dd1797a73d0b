"""The `scaling` package: every number in the course *Scaling laws, an executable course*.

One module per idea, each importable alone:

* ``compute``        FLOP accounting (6ND, 2N per token), PF-days, display formatting (chapters 1-7)
* ``powerlaw``       power laws and their fits, with and without an irreducible floor (chapter 1)
* ``randomfeatures`` a model family trained in a second whose loss follows power laws (chapter 1)
* ``metrics``        smooth per-token accuracy against sharp exact-match scores (chapter 1)
* ``kaplan``         Kaplan et al. 2020: the laws and the compute-optimal allocation (chapter 2)
* ``chinchilla``     Hoffmann et al. 2022: the law, Approaches 1-3, the App. F FLOP count (chapter 3)
* ``synthetic``      Chinchilla-like experiments generated from a known law (chapter 3)
* ``lab``            a simulated training service with a budget, for the chapter 3 lab
* ``inference``      lifetime cost, iso-loss curves, the demand-aware optimum (chapter 4)
* ``models``         published models with their sources (chapters 4, 5, 7)
* ``data``           data-constrained scaling and the stock of text (chapter 5)
* ``testtime``       pass@k, coverage under repeated sampling, compute-matched comparisons (chapter 6)
* ``hardware``       accelerators, GPU-hours, days, dollars, energy, memory (chapter 7)
* ``capabilities``   loss to benchmark error, centred accuracy, noise floor, interval score (chapter 10)
* ``datasets``       real runs and trends from data/ (Porian, Gadre, Epoch AI), checksummed (chapters 2-4, 7)
* ``hyperparams``    learning rate and batch size against compute, the critical batch (chapter 8)
* ``schedules``      cosine and WSD schedules, the loss curve with annealing, ladder readings (chapter 8)
* ``cli``            ``python -m scaling plan``: plan a training run from the command line
* ``plots``, ``widgets`` figure builders and sliders per chapter; they hold no science of their own
* ``exercises``      the ``check`` function the exercise notebooks call
* ``book``           ``shown``: computed numbers for the prose ({eval} in JupyterLab and the web book)
"""

__version__ = "0.1.0"
