"""Workloads: the questionnaire answers."""
