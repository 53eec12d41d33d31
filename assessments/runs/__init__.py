"""Assessment runs: starting them, running them on a worker, reading and comparing them."""
