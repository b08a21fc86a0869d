"""The matcher's layers, strongest evidence first: reference, payout, one-to-one, deposit
(subset), learned. Each adds candidates to the run's pool; none decides on its own."""
